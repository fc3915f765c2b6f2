package jp.kyoso.load.chaos;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every notice the recipient must get, one per reply, and what each delivery channel brought: how many times (lost = 0,
 * duplicated > 1) and, for the live stream, how late. A reply is known by the token at the start of its text
 * ({@code 混沌#17-<run>}), which the mail and the Slack message quote, and by its id, which the inbox and stream carry.
 */
final class Ledger {
    enum Channel { INBOX, STREAM, MAIL, SLACK }

    record Reply(int number, String id, String token, long sentAtNanos) {
    }

    private final Map<String, Reply> byId = new ConcurrentHashMap<>();
    private final Map<Channel, Map<String, Integer>> seen = new ConcurrentHashMap<>();
    private final Map<String, Long> streamArrivalNanos = new ConcurrentHashMap<>();

    void expect(Reply reply) {
        byId.put(reply.id(), reply);
    }

    int expected() {
        return byId.size();
    }

    Iterable<Reply> replies() {
        return byId.values();
    }

    void streamed(String replyId) {
        streamArrivalNanos.putIfAbsent(replyId, System.nanoTime());
        count(Channel.STREAM, replyId, 1);
    }

    /** Sets a channel's count for a reply from a complete reading (inbox, mails, Slack posts). */
    void counted(Channel channel, Map<String, Integer> perReplyId) {
        seen.put(channel, new ConcurrentHashMap<>(perReplyId));
    }

    private void count(Channel channel, String replyId, int n) {
        seen.computeIfAbsent(channel, c -> new ConcurrentHashMap<>()).merge(replyId, n, Integer::sum);
    }

    int count(Channel channel, String replyId) {
        return seen.getOrDefault(channel, Map.of()).getOrDefault(replyId, 0);
    }

    boolean complete(Channel channel) {
        return byId.keySet().stream().allMatch(id -> count(channel, id) >= 1);
    }

    /** lost, duplicated (notices beyond the first) for one channel. */
    Map<String, Integer> tally(Channel channel) {
        int lost = 0;
        int duplicated = 0;
        for (String id : byId.keySet()) {
            int n = count(channel, id);
            if (n == 0) {
                lost++;
            } else {
                duplicated += n - 1;
            }
        }
        Map<String, Integer> tally = new LinkedHashMap<>();
        tally.put("lost", lost);
        tally.put("duplicated", duplicated);
        return tally;
    }

    /** How long each streamed notice took from the reply's first try, in ms, sorted. */
    double[] streamLatenciesMs() {
        return byId.values().stream().filter(r -> streamArrivalNanos.containsKey(r.id()))
                .mapToDouble(r -> (streamArrivalNanos.get(r.id()) - r.sentAtNanos()) / 1e6).sorted().toArray();
    }
}
