package jp.kyoso.notifications.slack;

import java.util.function.Consumer;
import jp.kyoso.notifications.delivery.Channel;
import jp.kyoso.notifications.delivery.DeliveryStore;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The re-seal job of every start, before the delivery workers, the consumers and the web server start: every stored
 * Slack webhook URL that is still in clear (written by an earlier version) is sealed, and every one sealed under a
 * previous KEK is sealed again under the current one. Each update is conditional on the value read, so instances
 * starting together do not undo each other. Only at start: an instance still running with the previous KEK as its
 * current one must not seal everything back (README, "Secrets at rest").
 * <p>
 * Reads: {@code preferences} and {@code channel_mirrors} whole (one document per member, per mirrored channel; only
 * the webhook field), {@code deliveries} by {@code channel: SLACK} (deliveries_channel_status_newest).
 */
@Component
class WebhookResealing implements SmartInitializingSingleton {
    private static final Logger log = LoggerFactory.getLogger(WebhookResealing.class);

    private final MongoTemplate mongo;
    private final WebhookSecrets secrets;

    WebhookResealing(MongoTemplate mongo, WebhookSecrets secrets) {
        this.mongo = mongo;
        this.secrets = secrets;
    }

    /** Once every bean (the indexes included) is made, before anything is started. */
    @Override
    public void afterSingletonsInstantiated() {
        int sealed = run();
        if (sealed > 0) {
            log.info("Sealed {} stored Slack webhook URL(s) under the current KEK", sealed);
        }
    }

    /** @return how many stored URLs were sealed (again) */
    int run() {
        int[] sealed = {0};
        Query preferences = new Query();
        preferences.fields().include("slackWebhookUrl");
        each(preferences, "preferences", "slackWebhookUrl", sealed);
        Query mirrors = new Query();
        mirrors.fields().include("webhookUrl");
        each(mirrors, ChannelMirrorStore.COLLECTION, "webhookUrl", sealed);
        Query slack = Query.query(Criteria.where("channel").is(Channel.SLACK.name()));
        slack.fields().include("webhookUrl");
        each(slack, DeliveryStore.COLLECTION, "webhookUrl", sealed);
        return sealed[0];
    }

    private void each(Query query, String collection, String field, int[] sealed) {
        Consumer<Document> reseal = document -> {
            String stored = document.getString(field);
            if (stored == null || !secrets.needsResealing(stored)) {
                return;
            }
            try {
                sealed[0] += (int) mongo.updateFirst(Query.query(Criteria.where("_id").is(document.get("_id"))
                                .and(field).is(stored)), new Update().set(field, secrets.reseal(stored)), collection)
                        .getModifiedCount();
            } catch (RuntimeException e) {
                // a value under a KEK that is not configured any more: it stays, and is never used (WebhookSecrets)
                log.error("A Slack webhook URL in {} ({}) cannot be sealed again: {}", collection, document.get("_id"),
                        e.getMessage());
            }
        };
        try (var documents = mongo.stream(query, Document.class, collection)) {
            documents.forEach(reseal);
        }
    }
}
