package jp.kyoso.posts.search;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param indexDir where this instance keeps its index ({@code KYOSO_SEARCH_INDEX_DIR}); one directory per instance,
 *                 kept across restarts: at start the index catches up with the events it missed, and is rebuilt
 *                 from MongoDB only when the directory is empty, unreadable or of another schema version
 */
@ConfigurationProperties("kyoso.search")
public record SearchProperties(Path indexDir) {
    public SearchProperties {
        indexDir = indexDir == null ? Path.of("data", "search-index", "posts") : indexDir;
    }
}
