package jp.kyoso.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoServerException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the strict mode lets through and what it rejects, with MongoDB's error 291. */
class StrictIndexesTest {

    private WireServer wire;
    private MongoCollection<Document> posts;

    @AfterEach
    void stop() {
        if (wire != null) {
            wire.close();
        }
    }

    private void start(Supplier<MongoBackend> backend) {
        wire = new WireServer(backend.get());
        posts = wire.client.getDatabase("posts").getCollection("posts");
        posts.createIndex(new Document("channelId", 1).append("createdAt", -1).append("_id", -1),
            new IndexOptions().name("channel_created"));
        posts.createIndex(new Document("authorId", 1), new IndexOptions().name("author"));
        posts.createIndex(new Document("outbox.eventId", 1), new IndexOptions().name("outbox").sparse(true));
        posts.createIndex(new Document("slug", 1), new IndexOptions().name("slug").unique(true));
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            documents.add(new Document("_id", i).append("channelId", "c" + (i % 3)).append("createdAt", i)
                .append("authorId", "a" + (i % 5)).append("title", "t" + i).append("slug", "s" + i)
                .append("outbox", i % 10 == 0 ? List.of(new Document("eventId", "e" + i)) : List.of()));
        }
        posts.insertMany(documents);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(StrictBackends.BOTH)
    void servedQueriesPass(String name, Supplier<MongoBackend> backend) {
        start(backend);
        assertThat(posts.find().into(new ArrayList<>())).hasSize(50);
        assertThat(posts.countDocuments()).isEqualTo(50);
        assertThat(posts.find(new Document("channelId", "c1")).sort(new Document("createdAt", -1).append("_id", -1))
            .limit(5).into(new ArrayList<>())).extracting(d -> d.get("_id")).containsExactly(49, 46, 43, 40, 37);
        assertThat(posts.find(new Document("channelId", "c1").append("createdAt", new Document("$lt", 40)))
            .sort(new Document("createdAt", 1)).limit(2).into(new ArrayList<>())).extracting(d -> d.get("_id"))
            .containsExactly(1, 4);
        assertThat(posts.find(new Document("authorId", "a1")).into(new ArrayList<>())).hasSize(10);
        // $in on the leading key: the per-value scans are merged in sort order
        assertThat(posts.find(new Document("channelId", new Document("$in", List.of("c0", "c1"))))
            .sort(new Document("createdAt", -1).append("_id", -1)).limit(4).into(new ArrayList<>()))
            .extracting(d -> d.get("_id")).containsExactly(49, 48, 46, 45);
        MongoCollection<Document> pairs = wire.client.getDatabase("posts").getCollection("pairs");
        pairs.insertOne(new Document("_id", new Document("a", 1).append("b", 2)));
        assertThat(pairs.find(new Document("_id", new Document("a", 1).append("b", 2))).first()).isNotNull();
        assertThat(posts.find(new Document("_id", 3)).first()).isNotNull();
        assertThat(posts.find(new Document("_id", new Document("$gt", 45))).into(new ArrayList<>())).hasSize(4);
        assertThat(posts.find(new Document("slug", "s4")).first()).isNotNull();
        assertThat(posts.find(new Document("outbox.eventId", new Document("$exists", true))).into(new ArrayList<>())).hasSize(5);
        assertThat(posts.find(new Document("$or", List.of(new Document("authorId", "a1"), new Document("channelId", "c2"))))
            .into(new ArrayList<>())).hasSize(23);
        assertThat(posts.countDocuments(new Document("channelId", "c0"))).isEqualTo(17);
        posts.updateMany(new Document("authorId", "a2"), Updates.set("title", "x"));
        posts.deleteOne(new Document("channelId", "c0").append("createdAt", 0));
        posts.findOneAndUpdate(new Document("channelId", "c0"), Updates.set("title", "y"));
        // explicit scans in test assertions
        assertThat(posts.find(new Document("title", "x")).comment(StrictIndexes.ALLOW_SCAN_COMMENT)
            .into(new ArrayList<>())).hasSize(10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(StrictBackends.BOTH)
    void scansAreRejectedWithCode291(String name, Supplier<MongoBackend> backend) {
        start(backend);
        assertThatThrownBy(() -> posts.find(new Document("title", "t1")).first())
            .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                assertThat(e.getErrorCode()).isEqualTo(291);
                assertThat(e.getErrorCodeName()).isEqualTo("NoQueryExecutionPlans");
                assertThat(e.getErrorMessage()).contains("no index on posts.posts serves filter {title}")
                    .contains("channel_created {channelId:1, createdAt:-1, _id:-1}");
            });
        // the filter is served but a page would need to sort every match
        assertThatThrownBy(() -> posts.find(new Document("authorId", "a1")).sort(new Document("createdAt", -1)).limit(5).first())
            .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                assertThat(e.getErrorCode()).isEqualTo(291);
                assertThat(e.getErrorMessage()).contains("filter {authorId} sort {createdAt:-1}");
            });
        // a sorted page of the whole collection needs an index on the sort
        assertThatThrownBy(() -> posts.find().sort(new Document("title", 1)).limit(5).first())
            .isInstanceOf(MongoCommandException.class);
        // the first key of the compound index is not constrained
        assertThatThrownBy(() -> posts.find(new Document("createdAt", new Document("$gt", 3))).first())
            .isInstanceOf(MongoCommandException.class);
        // one $or branch has no index
        assertThatThrownBy(() -> posts.find(new Document("$or", List.of(new Document("authorId", "a1"),
            new Document("title", "t2")))).first()).isInstanceOf(MongoCommandException.class);
        // a sparse index does not hold the documents without the field
        assertThatThrownBy(() -> posts.find(new Document("outbox.eventId", null)).first())
            .isInstanceOf(MongoCommandException.class);
        assertThatThrownBy(() -> posts.countDocuments(new Document("title", "t1")))
            .isInstanceOfSatisfying(MongoCommandException.class, e -> assertThat(e.getErrorCode()).isEqualTo(291));
        assertThatThrownBy(() -> posts.updateMany(new Document("title", "t1"), Updates.set("x", 1)))
            .isInstanceOfSatisfying(MongoServerException.class, e -> assertThat(e.getCode()).isEqualTo(291));
        assertThatThrownBy(() -> posts.deleteMany(new Document("title", "t1")))
            .isInstanceOfSatisfying(MongoServerException.class, e -> assertThat(e.getCode()).isEqualTo(291));
    }
}
