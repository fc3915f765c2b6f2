package jp.kyoso.notifications.slack;

import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * {@code channel_mirrors}: the Slack webhook each mirrored channel posts to, keyed by the channel's slug; the URL is
 * stored sealed ({@link WebhookSecrets}).
 */
@Component
public class ChannelMirrorStore {
    static final String COLLECTION = "channel_mirrors";

    private final MongoTemplate mongo;
    private final WebhookSecrets webhooks;

    public ChannelMirrorStore(MongoTemplate mongo, WebhookSecrets webhooks) {
        this.mongo = mongo;
        this.webhooks = webhooks;
    }

    /** The opened webhook URL, or null (no mirror, or a stored value that does not open). */
    public String webhookOf(String slug) {
        Document document = mongo.findById(slug, Document.class, COLLECTION);
        return document == null ? null : webhooks.open(document.getString("webhookUrl"));
    }

    /** The opened webhook URL of one of {@link #all()}'s documents. */
    public String webhookOf(Document mirror) {
        return webhooks.open(mirror.getString("webhookUrl"));
    }

    public void put(String slug, String webhookUrl, String by) {
        mongo.upsert(Query.query(Criteria.where("_id").is(slug)), new Update().set("webhookUrl", webhooks.seal(webhookUrl))
                .set("updatedBy", by).set("updatedAt", Instant.now()), COLLECTION);
    }

    public void remove(String slug) {
        mongo.remove(Query.query(Criteria.where("_id").is(slug)), COLLECTION);
    }

    public List<Document> all() {
        return mongo.findAll(Document.class, COLLECTION);
    }
}
