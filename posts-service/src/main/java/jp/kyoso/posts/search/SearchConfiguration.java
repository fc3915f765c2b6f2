package jp.kyoso.posts.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The index lives on disk, not on the heap: the service runs with a 160 MB heap, and the operating system's page cache
 * holds the hot part of the index (read as {@link IndexAccess} says).
 */
@Configuration
class SearchConfiguration {
    private static final Logger log = LoggerFactory.getLogger(SearchConfiguration.class);

    @Bean(destroyMethod = "close")
    SearchEngine searchEngine(SearchProperties properties) {
        try {
            Files.createDirectories(properties.indexDir());
            SearchEngine engine = new SearchEngine(properties.indexAccess().open(properties.indexDir()));
            // beside the start, not in its way: a search that comes first waits for the dictionaries either way
            Thread warmUp = new Thread(() -> warmUp(engine), "search-warm-up");
            warmUp.setDaemon(true);
            warmUp.start();
            return engine;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index at " + properties.indexDir(), e);
        }
    }

    private static void warmUp(SearchEngine engine) {
        long started = System.nanoTime();
        try {
            engine.warmUp();
            log.info("Search warmed up in {} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            // the service stopped while starting (the index is closed): nothing to warm any more
            log.debug("Search warm-up stopped: {}", e.toString());
        }
    }
}
