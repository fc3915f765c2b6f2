package jp.kyoso.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store that was written, rewritten and mostly deleted shrinks, and reads back the same, indexes included. */
class StoreCompactionTest {
    private static final int DOCUMENTS = 4_000;
    private static final String BODY = "住民票の写しの広域交付について。".repeat(40);

    @Test
    void aStoreFullOfDeadPagesShrinksAndReadsBackTheSame(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("kyoso.mv");
        List<Document> kept;
        // committed after each step: MVStore keeps changes in memory until its next auto-commit (1 s), so a fast
        // machine would otherwise write only the last state, with nothing dead in the file
        MVStore store = IndexedH2Backend.openStore(file.toString());
        try (WireServer wire = new WireServer(new IndexedH2Backend(store, new StrictIndexes(true)))) {
            MongoCollection<Document> posts = posts(wire);
            posts.createIndex(new Document("channel", 1).append("n", -1), new IndexOptions().name("feed"));
            List<Document> documents = new ArrayList<>();
            for (int n = 0; n < DOCUMENTS; n++) {
                documents.add(new Document("_id", "p" + n).append("channel", "c" + n % 7).append("n", n)
                        .append("body", BODY).append("edits", 0));
            }
            posts.insertMany(documents);
            store.commit();
            for (int edit = 1; edit <= 3; edit++) {
                posts.updateMany(Filters.in("channel", channels(0, 1, 2, 3, 4, 5, 6)),
                        Updates.combine(Updates.set("edits", edit), Updates.set("body", BODY + edit)));
                store.commit();
            }
            posts.deleteMany(Filters.in("channel", channels(0, 1, 2, 4, 5, 6)));
            store.commit();
            kept = posts.find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
        }
        assertThat(kept).hasSize(DOCUMENTS / 7);
        StoreCompaction.Usage usage = StoreCompaction.usage(file);
        assertThat(usage.liveBytes()).isLessThan(usage.fileBytes());

        StoreCompaction.Result result = StoreCompaction.compact(file);

        assertThat(result.bytesBefore()).isEqualTo(usage.fileBytes());
        assertThat(result.bytesAfter()).isLessThan(result.bytesBefore() / 2).isEqualTo(Files.size(file));
        try (var left = Files.list(directory)) {
            assertThat(left).as("no copy left beside the store").containsExactly(file);
        }
        try (WireServer wire = new WireServer(new IndexedH2Backend(file.toString(), new StrictIndexes(true)))) {
            MongoCollection<Document> posts = posts(wire);
            assertThat(posts.find().sort(Sorts.ascending("_id")).into(new ArrayList<>())).isEqualTo(kept);
            // strict indexes: a query no index serves would be refused, so this one reads the compacted index
            List<Integer> newest = posts.find(Filters.eq("channel", "c3")).sort(Sorts.descending("n")).limit(3)
                    .map(document -> document.getInteger("n")).into(new ArrayList<>());
            assertThat(newest).containsExactly(3993, 3986, 3979);
            posts.insertOne(new Document("_id", "after").append("channel", "c3").append("n", 5000));
            assertThat(posts.find(Filters.eq("channel", "c3")).sort(Sorts.descending("n")).first())
                    .containsEntry("_id", "after");
        }
    }

    @Test
    void aStoreAServerHoldsIsLeftAsItIs(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("kyoso.mv");
        try (WireServer wire = new WireServer(new IndexedH2Backend(file.toString(), new StrictIndexes(true)))) {
            posts(wire).insertOne(new Document("_id", "p1").append("body", BODY));
            long before = Files.size(file);

            assertThatThrownBy(() -> StoreCompaction.compact(file)).isInstanceOf(MVStoreException.class)
                    .hasMessageContaining("locked");

            assertThat(Files.size(file)).isEqualTo(before);
            assertThat(posts(wire).countDocuments()).isEqualTo(1);
        }
    }

    @Test
    void aStopIsSuggestedOnlyForABigFileThatIsMostlyDead() {
        long gigabyte = 1024L * 1024 * 1024;
        assertThat(new StoreCompaction.Usage(38 * gigabyte, 4 * gigabyte).worthCompacting()).isTrue();
        assertThat(new StoreCompaction.Usage(6 * gigabyte, 4 * gigabyte).worthCompacting()).as("two thirds live")
                .isFalse();
        assertThat(new StoreCompaction.Usage(gigabyte / 2, 1).worthCompacting()).as("small anyway").isFalse();
    }

    private static List<String> channels(int... numbers) {
        return java.util.Arrays.stream(numbers).mapToObj(n -> "c" + n).toList();
    }

    private static MongoCollection<Document> posts(WireServer wire) {
        return wire.client.getDatabase("kyoso-posts").getCollection("posts");
    }
}
