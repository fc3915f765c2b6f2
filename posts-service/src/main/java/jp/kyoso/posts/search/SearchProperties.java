package jp.kyoso.posts.search;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param indexDir where this instance keeps its index ({@code KYOSO_SEARCH_INDEX_DIR}); one directory per instance,
 *                 kept across restarts: at start the index catches up with the events it missed, and is rebuilt
 *                 from MongoDB only when the directory is empty, unreadable or of another schema version
 * @param warmUpSearches how many searches the service runs through its whole search path once it has started
 *                 ({@code KYOSO_SEARCH_WARMUPSEARCHES}, 0: none), so that members' first searches do not run in the
 *                 interpreter (see {@link SearchPathWarmUp})
 * @param indexAccess how the service reads its index files ({@code KYOSO_SEARCH_INDEXACCESS}, see
 *                 {@link IndexAccess})
 */
@ConfigurationProperties("kyoso.search")
public record SearchProperties(Path indexDir, Integer warmUpSearches, IndexAccess indexAccess) {
    public SearchProperties {
        indexDir = indexDir == null ? Path.of("data", "search-index", "posts") : indexDir;
        warmUpSearches = warmUpSearches == null ? 0 : Math.max(0, warmUpSearches);
        indexAccess = indexAccess == null ? IndexAccess.READ : indexAccess;
    }
}
