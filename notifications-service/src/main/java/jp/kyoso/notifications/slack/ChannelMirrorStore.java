package jp.kyoso.notifications.slack;

import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** {@code channel_mirrors}: the Slack webhook each mirrored channel posts to, keyed by the channel's slug. */
@Component
public class ChannelMirrorStore {
    static final String COLLECTION = "channel_mirrors";

    private final MongoTemplate mongo;

    public ChannelMirrorStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public String webhookOf(String slug) {
        Document document = mongo.findById(slug, Document.class, COLLECTION);
        return document == null ? null : document.getString("webhookUrl");
    }

    public void put(String slug, String webhookUrl, String by) {
        mongo.upsert(Query.query(Criteria.where("_id").is(slug)), new Update().set("webhookUrl", webhookUrl)
                .set("updatedBy", by).set("updatedAt", Instant.now()), COLLECTION);
    }

    public void remove(String slug) {
        mongo.remove(Query.query(Criteria.where("_id").is(slug)), COLLECTION);
    }

    public List<Document> all() {
        return mongo.findAll(Document.class, COLLECTION);
    }
}
