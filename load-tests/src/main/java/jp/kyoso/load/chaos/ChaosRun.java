package jp.kyoso.load.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.kyoso.load.chaos.Ledger.Channel;
import jp.kyoso.load.day.DayMembers;

/**
 * {@code ./kyoso chaos}: replies arrive at a steady rate on one member's thread while every part of the platform fails
 * in turn (kill -9 of each service and of the broker, the SMTP server away for 60 s, Slack answering 429 then 500, the
 * MongoDB-wire server away). The repliers retry as the web client does, with one Idempotency-Key per reply. Then it
 * waits for quiet and counts, per delivery channel (inbox, live stream, mail, Slack), the notices lost and
 * duplicated, and how late the live stream was. Exit code 1 on any loss or duplicate.
 */
public final class ChaosRun {
    private static final URI GATEWAY = URI.create(System.getProperty("gateway", "http://localhost:8080"));
    private static final URI MAIL_API = URI.create(System.getProperty("mailApi", "http://localhost:8025"));
    private static final URI SLACK = URI.create(System.getProperty("slack", "http://localhost:8090"));
    private static final Path ROOT = Path.of(System.getProperty("root", ".")).toAbsolutePath().normalize();
    private static final Path DATA = Path.of(System.getProperty("dataDir", ROOT.resolve("data").toString()));
    private static final double RATE = Double.parseDouble(System.getProperty("rate", "3"));
    /** Slack deliveries that failed during the fault wait out their backoff (30 s, then doubling): give them time. */
    private static final Duration QUIET_WAIT = Duration.ofMinutes(Long.getLong("quietMinutes", 10));
    /**
     * Replies are spread over this many threads, each its own member's: a member's Slack webhook takes about one
     * message a second (Slack's limit), so one member getting every reply would measure that queue, not the faults.
     */
    private static final int RECIPIENTS = 5;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Ledger ledger = new Ledger();
    private final Map<Integer, Long> storedAtNanos = new ConcurrentHashMap<>();
    // when each channel first had every notice (System.nanoTime), for the "late" column
    private final Map<Channel, Long> completeAtNanos = new java.util.EnumMap<>(Channel.class);

    public static void main(String[] args) throws Exception {
        System.exit(new ChaosRun().run());
    }

    private int run() throws Exception {
        List<Map<String, Object>> people = new DayMembers(GATEWAY, MAIL_API).ensure("chaos", RECIPIENTS + 3);
        List<Map<String, Object>> recipients = people.subList(0, RECIPIENTS);
        List<Map<String, Object>> repliers = people.subList(RECIPIENTS, people.size());
        List<String> threads = new ArrayList<>();
        List<LiveStream> streams = new ArrayList<>();
        for (int r = 0; r < RECIPIENTS; r++) {
            String token = recipients.get(r).get("token").toString();
            call("PUT", "/api/notifications/preferences", token, Map.of("email", "INSTANT",
                    "slackWebhookUrl", SLACK.resolve("/hooks/" + webhook(r)).toString(),
                    "types", Map.of("MENTION", true, "REPLY", true, "WATCHED_CHANNEL_POST", false, "REACTION", false,
                            "ANNOUNCEMENT", false)));
            threads.add(call("POST", "/api/posts", token, Map.of("channel", "general", "kind", "QUESTION",
                    "title", "障害試験 " + run + " の " + (r + 1), "body", "障害が続いても返信の通知は一つずつ届きますか。",
                    "tags", List.of("検証"))).path("id").asText());
            LiveStream stream = new LiveStream(GATEWAY.resolve("/api/notifications/stream"), token, ledger);
            new Thread(stream, "chaos-stream-" + r).start();
            streams.add(stream);
        }
        pause(Duration.ofSeconds(2));

        Faults faults = new Faults(ROOT, DATA, SLACK);
        ExecutorService senders = Executors.newFixedThreadPool(16);
        List<CompletableFuture<Void>> replies = new ArrayList<>();
        long start = System.nanoTime();
        List<Map.Entry<Long, Runnable>> schedule = List.of(
                Map.entry(15L, () -> faults.kill("members-service")),
                Map.entry(35L, () -> faults.kill("posts-service")),
                Map.entry(55L, () -> faults.kill("notifications-service")),
                Map.entry(75L, () -> faults.kill("gateway")),
                Map.entry(95L, () -> faults.kill("kafka")),
                Map.entry(115L, () -> faults.kyoso("stop", "smtp")),
                Map.entry(135L, () -> faults.slackFails(429, Duration.ofSeconds(30))),
                Map.entry(165L, () -> faults.slackFails(500, Duration.ofSeconds(30))),
                Map.entry(175L, () -> faults.kyoso("start", "smtp")),
                Map.entry(200L, () -> faults.kyoso("stop", "mongo")),
                Map.entry(210L, () -> faults.kyoso("start", "mongo")));
        long endSeconds = 230;
        int next = 0;
        int fault = 0;
        for (long due = start; due < start + Duration.ofSeconds(endSeconds).toNanos();
             due = start + (long) (++next * 1e9 / RATE)) {
            waitUntil(due);
            while (fault < schedule.size() && System.nanoTime() >= start + schedule.get(fault).getKey() * 1_000_000_000L) {
                Runnable action = schedule.get(fault++).getValue();
                CompletableFuture.runAsync(action);
            }
            int number = next;
            long sentAt = System.nanoTime();
            String token = repliers.get(number % repliers.size()).get("token").toString();
            String threadId = threads.get(number % RECIPIENTS);
            replies.add(CompletableFuture.runAsync(() -> reply(token, threadId, number, sentAt), senders));
        }
        replies.forEach(CompletableFuture::join);
        senders.shutdown();
        System.out.printf("[chaos] %d replies stored; waiting up to %d s for every notice%n", ledger.expected(),
                QUIET_WAIT.toSeconds());

        long quietDeadline = System.nanoTime() + QUIET_WAIT.toNanos();
        long lastReplyAt = storedAtNanos.values().stream().max(Long::compare).orElse(System.nanoTime());
        do {
            pause(Duration.ofSeconds(5));
            readInboxMailAndSlack(recipients);
            for (Channel channel : Channel.values()) {
                if (ledger.complete(channel)) {
                    completeAtNanos.putIfAbsent(channel, System.nanoTime());
                }
            }
        } while (System.nanoTime() < quietDeadline && !allComplete());
        long quietAfter = System.nanoTime() - start;
        pause(Duration.ofSeconds(20)); // late duplicates would show now
        readInboxMailAndSlack(recipients);
        streams.forEach(LiveStream::stop);

        System.out.printf("[chaos] every channel complete %.0f s after the first reply%s%n", quietAfter / 1e9,
                allComplete() ? "" : " (NOT complete: gave up waiting)");
        return report(faults, streams.stream().mapToInt(s -> s.reconnects.get()).sum(), start, lastReplyAt);
    }

    private String webhook(int recipient) {
        return "chaos-" + run + "-" + recipient;
    }

    /** One reply, as the web client sends it: the same Idempotency-Key on every try, until it is stored. */
    private void reply(String token, String threadId, int number, long sentAt) {
        String key = UUID.randomUUID().toString();
        String text = "混沌#" + number + "-" + run + " 障害の最中の返信です。";
        long giveUp = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < giveUp) {
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                                GATEWAY.resolve("/api/posts/" + threadId + "/replies"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .header("Idempotency-Key", key).timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("body", text))))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 201) {
                    String id = json.readTree(answer.body()).path("id").asText();
                    ledger.expect(new Ledger.Reply(number, id, "混沌#" + number + "-" + run, sentAt));
                    storedAtNanos.put(number, System.nanoTime());
                    return;
                }
                if (answer.statusCode() < 500 && answer.statusCode() != 409 && answer.statusCode() != 429) {
                    System.out.printf("[chaos] reply %d refused with %d: %s%n", number, answer.statusCode(), answer.body());
                    return;
                }
            } catch (IOException retry) {
                // the gateway or the service is away: the client tries again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pause(Duration.ofSeconds(1));
        }
        System.out.printf("[chaos] reply %d not stored within 3 minutes%n", number);
    }

    /** Every recipient's inbox, mails and Slack posts, read whole: a reply's notice counts wherever it landed. */
    private void readInboxMailAndSlack(List<Map<String, Object>> recipients) {
        try {
            Map<String, Integer> inbox = new HashMap<>();
            StringBuilder mails = new StringBuilder();
            StringBuilder slackPosts = new StringBuilder();
            for (int r = 0; r < recipients.size(); r++) {
                String token = recipients.get(r).get("token").toString();
                String cursor = null;
                for (int page = 0; page < 50; page++) {
                    JsonNode items = call("GET", "/api/notifications?limit=100" + (cursor == null ? ""
                            : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), token, null);
                    items.path("items").forEach(n -> {
                        if (!n.path("replyId").asText("").isEmpty()) {
                            inbox.merge(n.path("replyId").asText(), 1, Integer::sum);
                        }
                    });
                    cursor = items.path("nextCursor").isTextual() ? items.path("nextCursor").asText() : null;
                    if (cursor == null) {
                        break;
                    }
                }
                mails.append(get(MAIL_API.resolve("/api/messages?to=" + URLEncoder.encode(
                        recipients.get(r).get("email").toString(), StandardCharsets.UTF_8))));
                slackPosts.append(get(SLACK.resolve("/api/messages?webhook=" + webhook(r))));
            }
            ledger.counted(Channel.INBOX, inbox);
            ledger.counted(Channel.MAIL, byToken(mails.toString()));
            ledger.counted(Channel.SLACK, byToken(slackPosts.toString()));
        } catch (RuntimeException notYet) {
            System.out.println("[chaos] could not read the deliveries yet: " + notYet.getMessage());
        }
    }

    /** How often each reply's token occurs in what a capture holds, by reply id. */
    private Map<String, Integer> byToken(String captured) {
        Map<Integer, Integer> byNumber = new HashMap<>();
        Matcher token = Pattern.compile("混沌#(\\d+)-" + run).matcher(captured);
        while (token.find()) {
            byNumber.merge(Integer.parseInt(token.group(1)), 1, Integer::sum);
        }
        Map<String, Integer> byId = new HashMap<>();
        for (Ledger.Reply reply : ledger.replies()) {
            byId.put(reply.id(), byNumber.getOrDefault(reply.number(), 0));
        }
        return byId;
    }

    private boolean allComplete() {
        for (Channel channel : Channel.values()) {
            if (!ledger.complete(channel)) {
                return false;
            }
        }
        return true;
    }

    private int report(Faults faults, int streamReconnects, long start, long lastReplyAt) {
        System.out.println();
        System.out.printf("[chaos] run %s: %d replies, %.1f/s over %d threads, live stream reconnects %d%n", run,
                ledger.expected(), RATE, RECIPIENTS, streamReconnects);
        System.out.println("| fault | at | next reply stored after it |");
        System.out.println("| --- | --- | --- |");
        for (Faults.Done done : faults.done()) {
            long next = storedAtNanos.values().stream().filter(t -> t >= done.atNanos()).min(Long::compare).orElse(-1L);
            System.out.printf("| %s | +%.0f s | %s |%n", done.what(), (done.atNanos() - start) / 1e9,
                    next < 0 ? "none" : String.format("%.1f s", (next - done.atNanos()) / 1e9));
        }
        System.out.println();
        System.out.println("| channel | expected | lost | duplicated | complete after the last reply (checked every 5 s) |");
        System.out.println("| --- | --- | --- | --- | --- |");
        boolean failed = false;
        for (Channel channel : Channel.values()) {
            Map<String, Integer> tally = ledger.tally(channel);
            Long complete = completeAtNanos.get(channel);
            System.out.printf("| %s | %d | %d | %d | %s |%n", channel.name().toLowerCase(), ledger.expected(),
                    tally.get("lost"), tally.get("duplicated"), complete == null ? "never"
                            : String.format("%.0f s", Math.max(0, complete - lastReplyAt) / 1e9));
            failed |= tally.get("lost") > 0 || tally.get("duplicated") > 0;
        }
        double[] late = ledger.streamLatenciesMs();
        if (late.length > 0) {
            System.out.printf("%nlive stream, from the reply's first try: p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                    late[late.length / 2], late[Math.min(late.length - 1, (int) (late.length * 0.99))],
                    late[late.length - 1]);
        }
        System.out.println(failed ? "[chaos] FAIL: notices lost or duplicated" : "[chaos] PASS: nothing lost, nothing doubled");
        return failed ? 1 : 0;
    }

    /** One request of the set-up or the count; a platform that is still warming up (503, no answer) gets a minute. */
    private JsonNode call(String method, String path, String token, Object body) {
        long giveUp = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(GATEWAY.resolve(path))
                        .timeout(Duration.ofSeconds(15))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
                request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() < 300) {
                    return json.readTree(response.body());
                }
                if (response.statusCode() < 500 || System.nanoTime() > giveUp) {
                    throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                            + response.body());
                }
            } catch (IOException e) {
                if (System.nanoTime() > giveUp) {
                    throw new IllegalStateException(method + " " + path + ": " + e, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause(Duration.ofSeconds(1));
        }
    }

    private String get(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException(uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void waitUntil(long nanos) {
        long left = nanos - System.nanoTime();
        if (left > 0) {
            pause(Duration.ofNanos(left));
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
