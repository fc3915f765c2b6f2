package jp.kyoso.load.scale;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

/**
 * The scale benchmark: grows a community of the real size through the public API of a running platform
 * ({@code ./kyoso up}) and, at each size, measures what a member gets through the gateway. See README, "Performance".
 *
 * <p>Options (system properties): {@code gateway} (http://localhost:8080), {@code mailApi} (http://localhost:8025),
 * {@code steps} (1000,10000,100000,300000 posts and replies), {@code members} (15000), {@code channels} (130),
 * {@code writers} (200), {@code readRate} (20 requests/s per read), {@code seconds} (10 per probe),
 * {@code state} (load-tests/target/scale/state.json, from the repository root), {@code only} (a comma-separated
 * list of probe names, such as {@code posting,replying,live,announce}, or {@code all} for a whole row (without the
 * announcement, which notifies every member): runs just those at the community's present size, writing no table;
 * for profiling one path, or measuring again on a quiet machine),
 * {@code rate} (the write probes' rate with {@code only}, 50 per second), {@code liveThreads} (how many of the
 * reader's threads the live-stream probe's replies are spread over, 1), {@code metrics} (the services' Prometheus
 * pages, comma-separated, read for their consumers' lag before each row: see {@link ConsumersCaughtUp}; empty for
 * none), {@code settleMinutes} (how long a row waits for that lag to reach zero, 15).
 */
public final class ScaleBenchmark {
    private static final double READ_P95_TARGET_MS = 50;
    private static final double LIVE_P99_TARGET_MS = 150;
    static final String ANNOUNCEMENT = "announcement → all inboxes";
    /** How many of the reader's threads the live-stream probe's replies are spread over (see LiveStreamProbe). */
    private static final int LIVE_THREADS = Integer.getInteger("liveThreads", 1);

    public static void main(String[] args) throws Exception {
        URI gateway = URI.create(System.getProperty("gateway", "http://localhost:8080"));
        URI mailApi = URI.create(System.getProperty("mailApi", "http://localhost:8025"));
        List<Long> steps = new ArrayList<>();
        for (String step : System.getProperty("steps", "1000,10000,100000,300000").split(",")) {
            steps.add(Long.parseLong(step.trim()));
        }
        int members = Integer.getInteger("members", 15_000);
        int channels = Integer.getInteger("channels", 130);
        int writers = Integer.getInteger("writers", 200);
        double readRate = Double.parseDouble(System.getProperty("readRate", "20"));
        int seconds = Integer.getInteger("seconds", 10);
        Path stateFile = Path.of(System.getProperty("state", "load-tests/target/scale/state.json"));

        Api api = new Api(gateway);
        Community community = new Community(api, mailApi);
        community.adminJoins();
        BenchmarkState state = BenchmarkState.load(stateFile, community.admin.id());
        Runnable save = () -> {
            for (Member member : community.members()) {
                Member.Token held = member.held();
                if (held != null) {
                    state.tokens.put(member.email, held);
                }
            }
            state.save(stateFile);
        };
        community.createChannels(state, channels);
        save.run();
        community.membersJoin(state, members, writers, save);
        community.members().forEach(member -> member.restore(state.tokens.get(member.email)));
        Seeder seeder = new Seeder(api, community, state, save);
        seeder.ensureProbeThreads();

        ConsumersCaughtUp caughtUp = ConsumersCaughtUp.fromProperties();
        String only = System.getProperty("only", "");
        if (!only.isEmpty()) {
            caughtUp.await();
            double rate = Double.parseDouble(System.getProperty("rate", "50"));
            Map<String, Latencies> row = new LinkedHashMap<>();
            for (String probe : only.split(",")) {
                if (probe.trim().equals("all")) {
                    row.putAll(measure(api, community, state, readRate, seconds));
                } else {
                    String name = probe.trim();
                    row.put(name.equals("announce") ? ANNOUNCEMENT : name,
                            probe(api, community, state, name, rate, seconds));
                }
            }
            save.run();
            new Report().printStep(state.written, row);
            System.exit(0);
        }
        Report report = new Report();
        for (long step : steps) {
            if (state.written > step) {
                System.out.printf("[scale] already %,d posts and replies: no row for %,d%n", state.written, step);
                continue;
            }
            seeder.growTo(step);
            caughtUp.await();
            Map<String, Latencies> row = new LinkedHashMap<>();
            row.put(ANNOUNCEMENT, probe(api, community, state, "announce", 1, seconds));
            row.putAll(measure(api, community, state, readRate, seconds));
            report.add(step, row);
            report.printStep(step, row);
            save.run();
        }
        String table = report.table(READ_P95_TARGET_MS, LIVE_P99_TARGET_MS);
        System.out.println(table);
        Path out = stateFile.resolveSibling("results-" + OffsetDateTime.now().toLocalDate() + ".md");
        Files.writeString(out, "# Scale benchmark, " + OffsetDateTime.now() + "\n\n" + table);
        System.out.println("[scale] written to " + out.toAbsolutePath());
        System.exit(0);
    }

    private static Map<String, Latencies> measure(Api api, Community community, BenchmarkState state,
                                                  double readRate, int seconds) {
        signInBeforeTheClock(community, 9L * seconds);
        String reader = community.reader.token();
        String busy = community.channels.get(0);
        String tenthPage = cursorOfPage(api, reader, "/api/posts?channel=" + busy + "&limit=20", 10);
        Map<String, String> reads = new LinkedHashMap<>();
        reads.put("channels", "/api/channels");
        reads.put("feed, page 1", "/api/posts?channel=" + busy + "&limit=20");
        reads.put("feed, page 10", "/api/posts?channel=" + busy + "&limit=20&cursor=" + Api.encode(tenthPage));
        reads.put("thread: post", "/api/posts/" + state.bigThreadId);
        reads.put("thread: 200 replies", "/api/posts/" + state.bigThreadId + "/replies?limit=100");
        reads.put("search 住民票", "/api/search?q=" + Api.encode("住民票"));
        reads.put("notifications", "/api/notifications");
        reads.put("unread count", "/api/notifications/unread-count");
        reads.put("directory", "/api/members?q=" + Api.encode("久米島町"));
        Map<String, Latencies> row = new LinkedHashMap<>();
        reads.forEach((name, path) -> row.put(name, OpenLoop.run(readRate, seconds,
                i -> api.sendAsync(api.get(path, reader)))));
        row.put("posting 50/s", probe(api, community, state, "posting", 50, seconds));
        row.put("replying 50/s", probe(api, community, state, "replying", 50, seconds));
        row.put("reply → live stream 10/s", probe(api, community, state, "live", 10, seconds));
        row.put("reply → live stream 50/s", probe(api, community, state, "live", 50, seconds));
        return row;
    }

    /**
     * One write probe by name (posting, replying, live at {@code rate} per second; announce, one announcement to every
     * member); counts what it wrote.
     */
    private static Latencies probe(Api api, Community community, BenchmarkState state, String name, double rate,
                                   int seconds) {
        if (name.equals("announce")) {
            state.written++;
            return new AnnouncementProbe(api, community).run("規模測定のお知らせ " + state.written);
        }
        state.written += Math.round(rate * seconds);
        signInBeforeTheClock(community, seconds);
        return switch (name) {
            case "posting" -> OpenLoop.run(rate, seconds, writes(api, community, i -> Map.of("channel",
                    community.channels.get(i % community.channels.size()), "kind", "DISCUSSION", "title",
                    "測定の投稿 " + i, "body", "投稿の速さを測っています。", "tags", List.of()), "/api/posts"));
            case "replying" -> {
                List<String> threads = List.copyOf(state.recentThreads);
                yield OpenLoop.run(rate, seconds, writes(api, community,
                        i -> Map.of("body", "返信の速さを測っています。" + i),
                        i -> "/api/posts/" + threads.get(i % threads.size()) + "/replies"));
            }
            case "live" -> new LiveStreamProbe(api, community).run(rate, seconds, LIVE_THREADS);
            default -> throw new IllegalArgumentException("no probe named " + name
                    + "; one of posting, replying, live, announce");
        };
    }

    /**
     * Tokens that last past the phase about to start ({@code seconds} long, plus a minute): a token renewed inside a
     * phase puts a sign-in into a measured request, and 200 of them at once (a token kept from an earlier run runs
     * out mid-phase) made posting's p95 1.2 s instead of 0.06 s.
     */
    private static void signInBeforeTheClock(Community community, long seconds) {
        long lasting = (seconds + 60) * 1000;
        community.members().parallelStream().forEach(member -> member.tokenLasting(lasting));
    }

    private static IntFunction<CompletableFuture<HttpResponse<String>>> writes(
            Api api, Community community, IntFunction<Map<String, Object>> body, String path) {
        return writes(api, community, body, i -> path);
    }

    private static IntFunction<CompletableFuture<HttpResponse<String>>> writes(
            Api api, Community community, IntFunction<Map<String, Object>> body, IntFunction<String> path) {
        return i -> api.sendAsync(api.post(path.apply(i),
                community.writers.get(i % community.writers.size()).token(), body.apply(i)));
    }

    private static String cursorOfPage(Api api, String token, String firstPage, int page) {
        String cursor = "";
        for (int p = 1; p < page; p++) {
            JsonNode items = api.call(api.get(firstPage + (cursor.isEmpty() ? "" : "&cursor=" + Api.encode(cursor)),
                    token));
            cursor = items.path("nextCursor").asText("");
            if (cursor.isEmpty()) {
                break;
            }
        }
        return cursor;
    }
}
