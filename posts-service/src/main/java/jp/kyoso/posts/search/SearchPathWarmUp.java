package jp.kyoso.posts.search;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs the whole search path (the query in the index, the posts' visibility in MongoDB, the snippets) a couple of
 * hundred times as soon as the service has started, in a thread of its own. The services run on C1 only, which
 * compiles a method after about 200 calls, and until then a member's search ran in the interpreter: on a platform
 * just started the first searches took 55-390 ms in posts-service where a warm one takes 20-35. The engine's own
 * warm-up ({@link SearchEngine#warmUp}) reads the dictionaries while the service starts; this one comes after, when
 * MongoDB answers. Searches only read, so a member searching meanwhile sees nothing of it.
 */
@Component
class SearchPathWarmUp {
    private static final Logger log = LoggerFactory.getLogger(SearchPathWarmUp.class);
    /** Words of the kinds members look for: a noun compound, okurigana, katakana, a word nobody wrote. */
    private static final List<String> QUERIES = List.of("住民票の写し", "申し込み 期限", "マイナンバーカード",
            "窓口 予約", "ふるさと納税", "該当なし語彙");

    private final PostSearch search;
    private final int searches;

    SearchPathWarmUp(PostSearch search, SearchProperties properties) {
        this.search = search;
        this.searches = properties.warmUpSearches();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (searches == 0) {
            return;
        }
        Thread warmUp = new Thread(this::run, "search-path-warm-up");
        warmUp.setDaemon(true);
        warmUp.setPriority(Thread.MIN_PRIORITY);
        warmUp.start();
    }

    /** Returns how many searches ran; stops at the first failure (the service stopping, MongoDB away). */
    int run() {
        long started = System.nanoTime();
        int ran = 0;
        try {
            for (; ran < searches; ran++) {
                search.search(QUERIES.get(ran % QUERIES.size()), null, null, null, null, 0, 10);
            }
            log.info("Search path warmed up with {} searches in {} ms", ran, (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            log.info("Search path warm-up stopped after {} searches: {}", ran, e.toString());
        }
        return ran;
    }
}
