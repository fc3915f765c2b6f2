package jp.kyoso.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.MaxKey;
import org.bson.types.MinKey;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store written with H2's ObjectDataType (by the library's own H2Backend, or by this backend before the compact
 * format) is migrated once at open; every document, and every index, reads back the same.
 */
class StoreMigrationTest {

    @Test
    void aStoreOfTheLibrarysH2BackendIsMigratedAndReadsBackEqual(@TempDir Path directory) {
        String file = directory.resolve("kyoso.mv").toString();
        List<Document> written;
        List<Document> counters;
        try (WireServer wire = new WireServer(new H2Backend(file))) {
            MongoCollection<Document> posts = wire.client.getDatabase("posts").getCollection("posts");
            posts.createIndex(new Document("email", 1), new IndexOptions().unique(true).sparse(true));
            // ignored by the library: built on the first open by IndexedH2Backend
            posts.createIndex(new Document("channelId", 1).append("createdAt", -1), new IndexOptions().name("feed"));
            posts.insertMany(everyKindOfDocument());
            wire.client.getDatabase("notifications").getCollection("counters")
                .insertOne(new Document("_id", "c1").append("n", 3));
            written = posts.find().into(new ArrayList<>());
            counters = wire.client.getDatabase("notifications").getCollection("counters").find().into(new ArrayList<>());
        }
        assertThat(written).hasSize(everyKindOfDocument().size());

        for (int open = 0; open < 2; open++) {
            try (WireServer wire = new WireServer(new IndexedH2Backend(file, new StrictIndexes(true)))) {
                MongoCollection<Document> posts = wire.client.getDatabase("posts").getCollection("posts");
                assertThat(byId(posts.find().into(new ArrayList<>()))).isEqualTo(byId(written));
                assertThat(wire.client.getDatabase("notifications").getCollection("counters").find().into(new ArrayList<>()))
                    .isEqualTo(counters);
                for (Document document : written) {
                    assertThat(posts.find(new Document("_id", document.get("_id"))).first()).isEqualTo(document);
                }
                assertThat(posts.listIndexes().into(new ArrayList<>())).extracting(i -> i.getString("name"))
                    .containsExactlyInAnyOrder("_id_", "email_1", "feed");
                // the unique index: served and still unique
                assertThat(posts.find(new Document("email", "a@example.jp")).into(new ArrayList<>())).hasSize(1);
                assertThatThrownBy(() -> posts.insertOne(new Document("email", "a@example.jp")))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("E11000");
                // the _id index: still unique
                assertThatThrownBy(() -> posts.insertOne(new Document("_id", written.get(0).get("_id"))))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("E11000");
                assertThat(posts.find(new Document("channelId", "c1")).sort(Sorts.descending("createdAt"))
                    .into(new ArrayList<>()))
                    .isEqualTo(written.stream().filter(d -> "c1".equals(d.get("channelId")))
                        .sorted((a, b) -> b.getDate("createdAt").compareTo(a.getDate("createdAt"))).toList());
            }
        }
        assertThat(formatMarker(file)).isEqualTo("compact-v1");
    }

    @Test
    void aStoreOfThisBackendBeforeTheCompactFormatKeepsItsOrderedIndexes(@TempDir Path directory) {
        String file = directory.resolve("kyoso.mv").toString();
        List<Document> documents = IndexedQueriesTest.documents(300);
        try (WireServer wire = new WireServer(new IndexedH2Backend(MVStore.open(file), new StrictIndexes(true), false))) {
            MongoCollection<Document> posts = wire.client.getDatabase("posts").getCollection("posts");
            posts.insertMany(documents);
            posts.createIndex(new Document("channelId", 1).append("createdAt", -1).append("_id", -1));
            posts.createIndex(new Document("outbox.eventId", 1), new IndexOptions().sparse(true));
        }
        assertThat(formatMarker(file)).isNull();

        try (WireServer wire = new WireServer(new IndexedH2Backend(file, new StrictIndexes(true)))) {
            MongoCollection<Document> posts = wire.client.getDatabase("posts").getCollection("posts");
            assertThat(byId(posts.find().into(new ArrayList<>()))).isEqualTo(byId(documents));
            List<Object> expected = documents.stream().filter(d -> "c2".equals(d.get("channelId")))
                .sorted((a, b) -> {
                    int c = b.getDate("createdAt").compareTo(a.getDate("createdAt"));
                    return c != 0 ? c : Integer.compare(b.getInteger("_id"), a.getInteger("_id"));
                })
                .map(d -> d.get("_id")).toList();
            // strict mode: these are served by the migrated ordered indexes
            assertThat(posts.find(new Document("channelId", "c2")).sort(new Document("createdAt", -1).append("_id", -1))
                .limit(500).into(new ArrayList<>())).extracting(d -> d.get("_id")).isEqualTo(expected);
            assertThat(posts.countDocuments(new Document("channelId", "c2"))).isEqualTo(expected.size());
            assertThat(posts.find(new Document("outbox.eventId", new Document("$exists", true))).into(new ArrayList<>()))
                .hasSize(30);
            // and maintained
            posts.deleteMany(new Document("channelId", "c2"));
            posts.insertOne(new Document("_id", 1000).append("channelId", "c2").append("createdAt", new Date()));
            assertThat(posts.find(new Document("channelId", "c2")).into(new ArrayList<>())).extracting(d -> d.get("_id"))
                .containsExactly(1000);
        }
        assertThat(formatMarker(file)).isEqualTo("compact-v1");
    }

    private static List<Document> everyKindOfDocument() {
        List<Document> documents = new ArrayList<>();
        Object[] ids = {new ObjectId(), "post-1", 7, 8L, 9.5, new Document("channelId", "c1").append("n", 1),
            new ObjectId(), "投稿-2"};
        for (int i = 0; i < ids.length; i++) {
            Document document = new Document("_id", ids[i])
                .append("channelId", "c" + (i % 3))
                .append("createdAt", new Date(1_700_000_000_000L + i * 60_000L))
                .append("title", "投稿 " + i)
                .append("int", i)
                .append("long", 1L << 40)
                .append("double", 0.1 * i)
                .append("bool", i % 2 == 0)
                .append("nothing", null)
                .append("decimal", Decimal128.parse("12.345"))
                .append("binary", new Binary(new byte[] {1, 2, 3}))
                .append("uuid", new Binary((byte) 4, new byte[16]))
                .append("timestamp", new BsonTimestamp(1_700_000_000, i))
                .append("min", new MinKey()).append("max", new MaxKey())
                .append("outbox", List.of(new Document("eventId", "e" + i).append("payload",
                    new Document("tags", List.of("a", 1, 2.5, List.of("nested"))))))
                .append("empty", new Document());
            if (i < 3) {
                document.append("email", "abc".charAt(i) + "@example.jp");
            }
            documents.add(document);
        }
        return documents;
    }

    private static Map<String, Document> byId(List<Document> documents) {
        return documents.stream().collect(Collectors.toMap(d -> String.valueOf(d.get("_id")), Function.identity()));
    }

    private static String formatMarker(String file) {
        MVStore store = MVStore.open(file);
        try {
            return store.hasMap(StoreFormat.FORMAT_MAP) ? (String) store.openMap(StoreFormat.FORMAT_MAP).get("format") : null;
        } finally {
            store.close();
        }
    }
}
