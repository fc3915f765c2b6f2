package jp.kyoso.notifications.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class RecentReadsTest {
    /** A stand-in for a collection: what it holds, and every lookup it answered. */
    private final Map<String, String> stored = new ConcurrentHashMap<>(Map.of("a", "A", "b", "B"));
    private final List<List<String>> lookups = new ArrayList<>();

    private Map<String, String> load(List<String> keys) {
        lookups.add(List.copyOf(keys));
        Map<String, String> found = new HashMap<>();
        keys.forEach(key -> {
            if (stored.containsKey(key)) {
                found.put(key, stored.get(key));
            }
        });
        return found;
    }

    @Test
    void documentsReadRecentlyComeFromMemoryAndOnlyTheOthersAreLookedUpTogether() {
        RecentReads<String> recent = new RecentReads<>(Duration.ofMinutes(1), 100);

        assertThat(recent.getAll(List.of("a", "missing"), this::load)).isEqualTo(Map.of("a", "A"));
        assertThat(recent.getAll(List.of("a", "b", "missing"), this::load)).isEqualTo(Map.of("a", "A", "b", "B"));

        // "a" and the absent "missing" were remembered; only "b" was new the second time
        assertThat(lookups).containsExactly(List.of("a", "missing"), List.of("b"));
        assertThat(recent.getAll(List.of("a", "b", "missing"), this::load)).hasSize(2);
        assertThat(lookups).hasSize(2);
    }

    @Test
    void aDocumentThisInstanceWroteIsReadAgain() {
        RecentReads<String> recent = new RecentReads<>(Duration.ofMinutes(1), 100);
        recent.getAll(List.of("a", "missing"), this::load);

        stored.put("a", "A2");
        recent.forget("a");
        stored.put("missing", "now here");
        recent.forget("missing");

        assertThat(recent.getAll(List.of("a", "missing"), this::load)).isEqualTo(Map.of("a", "A2", "missing", "now here"));
        assertThat(lookups).hasSize(2);
    }

    @Test
    void whatWasReadWhileAWriteHappenedIsReturnedButNotKept() {
        RecentReads<String> recent = new RecentReads<>(Duration.ofMinutes(1), 100);
        // the load reads "a" as it was; a write of "a" completes before the load returns
        Map<String, String> seen = recent.getAll(List.of("a"), keys -> {
            Map<String, String> before = load(keys);
            stored.put("a", "A2");
            recent.forget("a");
            return before;
        });
        assertThat(seen).isEqualTo(Map.of("a", "A"));

        assertThat(recent.getAll(List.of("a"), this::load)).isEqualTo(Map.of("a", "A2"));
        assertThat(lookups).hasSize(2);
    }

    @Test
    void withoutATimeToLiveEveryReadGoesToTheStore() {
        RecentReads<String> recent = new RecentReads<>(Duration.ZERO, 100);
        recent.getAll(List.of("a"), this::load);
        recent.getAll(List.of("a"), this::load);
        assertThat(lookups).hasSize(2);
    }
}
