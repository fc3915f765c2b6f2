package jp.kyoso.notifications.preference;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import jp.kyoso.notifications.inbox.NotificationType;
import jp.kyoso.notifications.slack.WebhookSecrets;
import jp.kyoso.notifications.store.RecentReads;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * {@code preferences}: one document per member who saved settings, keyed by the member id. The Slack webhook URL is
 * stored sealed ({@link WebhookSecrets}) and opened when read.
 */
@Component
public class PreferenceStore {
    static final String COLLECTION = "preferences";
    /** Settings kept by {@link #getAllForFanOut}: the watchers of a few busy discussions. */
    static final int RECENT_MAX = 5_000;

    private final MongoTemplate mongo;
    private final WebhookSecrets webhooks;
    private final RecentReads<Preferences> recent;

    public PreferenceStore(MongoTemplate mongo, WebhookSecrets webhooks,
                           @Value("${kyoso.fanout.recent-reads:5s}") Duration recentReads) {
        this.mongo = mongo;
        this.webhooks = webhooks;
        this.recent = new RecentReads<>(recentReads, RECENT_MAX);
    }

    public Preferences get(String memberId) {
        Document document = mongo.findById(memberId, Document.class, COLLECTION);
        return document == null ? Preferences.DEFAULTS : fromDocument(document);
    }

    /** Settings of many members at once (an {@code _id $in} query: served by the primary key on every server). */
    public Map<String, Preferences> getAll(Collection<String> memberIds) {
        Map<String, Preferences> result = new HashMap<>();
        if (memberIds.isEmpty()) {
            return result;
        }
        for (Document document : mongo.find(Query.query(Criteria.where("_id").in(memberIds)), Document.class,
                COLLECTION)) {
            result.put(document.getString("_id"), fromDocument(document));
        }
        return result;
    }

    /**
     * {@link #getAll} for a fan-out: settings read in the last seconds ({@code kyoso.fanout.recent-reads}) come from
     * memory ({@link RecentReads}); a change saved through another instance applies here within those seconds.
     */
    public Map<String, Preferences> getAllForFanOut(Collection<String> memberIds) {
        return recent.getAll(memberIds, this::getAll);
    }

    public void put(String memberId, Preferences preferences) {
        Document types = new Document();
        preferences.types().forEach((type, on) -> types.append(type.name(), on));
        Update update = new Update().set("email", preferences.email().name()).set("types", types)
                .set("updatedAt", Instant.now());
        if (preferences.slackWebhookUrl() == null) {
            update.unset("slackWebhookUrl");
        } else {
            update.set("slackWebhookUrl", webhooks.seal(preferences.slackWebhookUrl()));
        }
        mongo.upsert(Query.query(Criteria.where("_id").is(memberId)), update, COLLECTION);
        recent.forget(memberId);
    }

    /** Members who chose the daily digest, with the day of the last digest they got (null if none). */
    public Map<String, String> digestMembers() {
        Map<String, String> result = new HashMap<>();
        Query query = Query.query(Criteria.where("email").is(EmailMode.DAILY_DIGEST.name()));
        query.fields().include("lastDigestDay");
        for (Document document : mongo.find(query, Document.class, COLLECTION)) {
            result.put(document.getString("_id"), document.getString("lastDigestDay"));
        }
        return result;
    }

    public void digestDone(String memberId, String day) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(memberId)), new Update().set("lastDigestDay", day),
                COLLECTION);
        recent.forget(memberId);
    }

    public void erase(String memberId) {
        mongo.remove(Query.query(Criteria.where("_id").is(memberId)), COLLECTION);
        recent.forget(memberId);
    }

    private Preferences fromDocument(Document document) {
        Map<NotificationType, Boolean> types = new EnumMap<>(NotificationType.class);
        Document stored = document.get("types", Document.class);
        if (stored != null) {
            for (NotificationType type : NotificationType.SWITCHABLE) {
                Object value = stored.get(type.name());
                if (value instanceof Boolean on) {
                    types.put(type, on);
                }
            }
        }
        String email = document.getString("email");
        return new Preferences(email == null ? EmailMode.INSTANT : EmailMode.valueOf(email),
                webhooks.open(document.getString("slackWebhookUrl")), types);
    }
}
