package jp.kyoso.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store the backend opens keeps a commit's large write buffer for the next commit, and still reads back. */
class ReusedWriteBufferFileStoreTest {
    private static final String BODY = "住民票の写しの広域交付について。".repeat(100);
    private static final int ENTRIES = 2_000;

    @Test
    void aCommitLargerThanMvStoreKeepsLeavesItsBufferForTheNextCommit(@TempDir Path directory) {
        String file = directory.resolve("kyoso.mv").toString();
        MVStore store = IndexedH2Backend.openStore(file);
        try {
            FileStore<?> fileStore = store.getFileStore();
            assertThat(fileStore).isInstanceOf(ReusedWriteBufferFileStore.class);
            MVMap<Integer, String> posts = store.openMap("posts");
            for (int n = 0; n < ENTRIES; n++) {
                posts.put(n, BODY + n);
            }
            store.commit(); // about 9.6 MB: more than the 4 MB MVStore itself keeps

            WriteBuffer next = fileStore.getWriteBuffer();
            assertThat(next.capacity()).isGreaterThan(ReusedWriteBufferFileStore.KEPT_BY_MVSTORE);
            fileStore.releaseWriteBuffer(next);
            assertThat(fileStore.getWriteBuffer()).isSameAs(next);
            fileStore.releaseWriteBuffer(next);

            for (int n = 0; n < ENTRIES; n++) {
                posts.put(n, BODY + "edited " + n);
            }
            store.commit();
        } finally {
            store.close();
        }

        MVStore reopened = IndexedH2Backend.openStore(file);
        try {
            MVMap<Integer, String> posts = reopened.openMap("posts");
            assertThat(posts.size()).isEqualTo(ENTRIES);
            assertThat(posts.get(1_234)).isEqualTo(BODY + "edited 1234");
        } finally {
            reopened.close();
        }
    }

    @Test
    void theFileStoreGetsTheBackendsSettings(@TempDir Path directory) {
        String cache = System.setProperty("kyoso.mongo.h2.cache-mb", "24");
        String pageSplit = System.setProperty("kyoso.mongo.h2.page-split-size", "8192");
        try {
            MVStore store = IndexedH2Backend.openStore(directory.resolve("kyoso.mv").toString());
            try {
                assertThat(store.getCacheSize()).isEqualTo(24);
                assertThat(store.getFileStore().getMaxPageSize()).isEqualTo(8192);
            } finally {
                store.close();
            }
        } finally {
            restore("kyoso.mongo.h2.cache-mb", cache);
            restore("kyoso.mongo.h2.page-split-size", pageSplit);
        }
    }

    /** 4 KB leaves: a scattered write rewrites a quarter of what MVStore's 16 KB default would (see openStore). */
    @Test
    void pagesSplitAt4KbUnlessToldOtherwise(@TempDir Path directory) {
        MVStore store = IndexedH2Backend.openStore(directory.resolve("kyoso.mv").toString());
        try {
            assertThat(store.getFileStore().getMaxPageSize()).isEqualTo(4096);
        } finally {
            store.close();
        }
    }

    private static void restore(String property, String previous) {
        if (previous == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, previous);
        }
    }
}
