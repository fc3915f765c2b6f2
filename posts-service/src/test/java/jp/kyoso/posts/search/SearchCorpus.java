package jp.kyoso.posts.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The municipal-topic test corpus (src/test/resources/search-corpus.json) as search documents. */
final class SearchCorpus {
    static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");

    private SearchCorpus() {
    }

    /** Threads: each inner list is a post followed by its replies. */
    static List<List<SearchDocument>> threads() {
        JsonNode root;
        try (InputStream in = SearchCorpus.class.getResourceAsStream("/search-corpus.json")) {
            root = JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<List<SearchDocument>> threads = new ArrayList<>();
        for (JsonNode post : root.get("posts")) {
            String id = post.get("id").asString();
            String channel = post.get("channel").asString();
            String kind = post.get("kind").asString();
            String title = post.get("title").asString();
            List<SearchDocument> thread = new ArrayList<>();
            thread.add(new SearchDocument(id, null, channel, kind, title, post.get("body").asString(),
                    daysAgo(post.get("daysAgo").asInt())));
            if (post.has("replies")) {
                for (JsonNode reply : post.get("replies")) {
                    thread.add(new SearchDocument(id, reply.get("id").asString(), channel, kind, title,
                            reply.get("body").asString(), daysAgo(reply.get("daysAgo").asInt())));
                }
            }
            threads.add(thread);
        }
        return threads;
    }

    private static Instant daysAgo(int days) {
        return NOW.minus(Duration.ofDays(days));
    }
}
