package jp.kyoso.posts.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.apache.lucene.store.FSDirectory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The index lives on disk (memory-mapped), not on the heap: the service runs with a 160 MB heap, and the operating
 * system's page cache holds the hot part of the index for free.
 */
@Configuration
class SearchConfiguration {

    @Bean(destroyMethod = "close")
    SearchEngine searchEngine(SearchProperties properties) {
        try {
            Files.createDirectories(properties.indexDir());
            return new SearchEngine(FSDirectory.open(properties.indexDir()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index at " + properties.indexDir(), e);
        }
    }
}
