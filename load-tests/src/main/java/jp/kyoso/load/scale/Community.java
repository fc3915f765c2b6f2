package jp.kyoso.load.scale;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The community at the real platform's size, joined the way people join: each member registers, gets the mail,
 * follows its link; channels are created by the community manager. Nothing is written behind the services' backs.
 */
final class Community {
    static final String ADMIN_EMAIL = "admin@example.lg.jp";
    /** Joining waits mostly on the verification mail's trip (outbox, Kafka, SMTP), not on CPU: many at once. */
    private static final int JOIN_WORKERS = 32;
    private static final long MAIL_WAIT_NANOS = 10_000_000_000L;
    /** members-service sends one verification mail a minute per member (KYOSO_MEMBERS_REGISTRATION_MAILINTERVAL). */
    private static final long RESEND_AFTER_NANOS = 65_000_000_000L;
    private static final Pattern MAIL_TOKEN = Pattern.compile("token=([A-Za-z0-9_-]+)");
    private static final List<String> TOWNS = List.of("久米島町", "本部町", "恩納村", "読谷村", "北谷町", "南城市",
            "石垣市", "宮古島市", "名護市", "糸満市", "浦添市", "豊見城市", "西原町", "与那原町", "八重瀬町",
            "今帰仁村", "国頭村", "大宜味村", "東村", "伊江村");

    private final Api api;
    private final URI mailApi;
    final Member admin;
    final List<Member> writers = new ArrayList<>();
    final List<String> channels = new ArrayList<>();
    Member reader;

    Community(Api api, URI mailApi) {
        this.api = api;
        this.mailApi = mailApi;
        this.admin = new Member(api, ADMIN_EMAIL, "kyoso_admin");
    }

    /** Everyone the benchmark acts as: the administrator, the writers and the reader (once they have joined). */
    List<Member> members() {
        List<Member> all = new ArrayList<>(writers);
        all.add(admin);
        if (reader != null) {
            all.add(reader);
        }
        return all;
    }

    /** The administrator (KYOSO_ADMIN_EMAILS) joins once; later runs sign in. */
    void adminJoins() {
        try {
            admin.signIn();
        } catch (Api.ApiException notYet) {
            join(admin, "管理者", "デジタル庁");
            admin.signIn();
        }
    }

    void createChannels(BenchmarkState state, int target) {
        int existing = 0;
        String cursor = "";
        do {
            JsonNode page = api.call(api.get("/api/channels?limit=100"
                    + (cursor.isEmpty() ? "" : "&cursor=" + Api.encode(cursor)), admin.token()));
            for (JsonNode channel : page.path("items")) {
                existing++;
                // members write only where everybody may (not お知らせ)
                if ("OPEN".equals(channel.path("postingPolicy").asText())) {
                    channels.add(channel.path("slug").asText());
                }
            }
            cursor = page.path("nextCursor").asText("");
        } while (!cursor.isEmpty());
        for (int i = state.channels + 1; existing < target; i++) {
            String slug = String.format("bench-%03d", i);
            if (!channels.contains(slug)) {
                api.call(api.post("/api/channels", admin.token(), Map.of("slug", slug, "name",
                        "ベンチ " + i + " " + JapaneseText.title(new java.util.Random(i)).substring(0, 4),
                        "description", "規模の測定のための分科会 " + i, "postingPolicy", "OPEN")));
                channels.add(slug);
                existing++;
            }
            state.channels = i;
        }
    }

    /** Registers members until there are {@code target}; the first {@code writerCount} also sign in and write. */
    void membersJoin(BenchmarkState state, int target, int writerCount, Runnable save) throws Exception {
        int missing = target - state.members;
        if (missing > 0) {
            System.out.printf("[scale] %d members join (registration, mail, verification)…%n", missing);
            long started = System.nanoTime();
            AtomicInteger next = new AtomicInteger(state.members + 1);
            AtomicInteger done = new AtomicInteger();
            ExecutorService workers = Workers.pool(JOIN_WORKERS);
            List<Future<?>> results = new ArrayList<>();
            for (int w = 0; w < JOIN_WORKERS; w++) {
                results.add(workers.submit(() -> {
                    for (int n = next.getAndIncrement(); n <= target; n = next.getAndIncrement()) {
                        join(member(n), "ベンチ 職員 " + n, TOWNS.get(n % TOWNS.size()));
                        if (done.incrementAndGet() % 1000 == 0) {
                            System.out.printf("[scale]   %d joined (%.0f/s)%n", done.get(),
                                    done.get() / ((System.nanoTime() - started) / 1e9));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get();
            }
            workers.shutdown();
            state.members = target;
            save.run();
        }
        for (int n = 1; n <= writerCount; n++) {
            writers.add(member(n));
        }
        reader = member(target + 1);
        if (state.members < target + 1) {
            join(reader, "ベンチ 読み手", "久米島町");
            state.members = target + 1;
            save.run();
        }
    }

    private Member member(int n) {
        return new Member(api, String.format("bench-%05d@bench.kyoso.lg.jp", n), String.format("bench_%05d", n));
    }

    private void join(Member member, String displayName, String organization) {
        try {
            api.call(api.post("/api/auth/register", null, Map.of("email", member.email, "password", Member.PASSWORD,
                    "displayName", displayName, "handle", member.handle, "organization", organization)));
        } catch (Api.ApiException e) {
            if (e.status == 409) {
                return; // joined in an interrupted earlier run: the handle is theirs already
            }
            throw e;
        }
        long registered = System.nanoTime();
        String token = awaitVerificationToken(member.email, registered + MAIL_WAIT_NANOS);
        if (token == null) {
            // a mail lost on its way to the capture: ask again once members-service lets a second mail go (a writer
            // skipped here would stop the run later, at their sign-in)
            System.out.printf("[scale]   no verification mail for %s within 10 s; asking for it again%n", member.email);
            OpenLoop.waitUntil(registered + RESEND_AFTER_NANOS);
            api.call(api.post("/api/auth/verify/resend", null, Map.of("email", member.email)));
            token = awaitVerificationToken(member.email, System.nanoTime() + MAIL_WAIT_NANOS);
        }
        if (token == null) {
            throw new IllegalStateException("no verification mail for " + member.email + " after asking twice");
        }
        api.call(api.post("/api/auth/verify", null, Map.of("token", token)));
    }

    private String awaitVerificationToken(String email, long deadline) {
        String token = verificationToken(email);
        while (token == null && System.nanoTime() < deadline) {
            OpenLoop.waitUntil(System.nanoTime() + 100_000_000L);
            token = verificationToken(email);
        }
        return token;
    }

    private String verificationToken(String email) {
        JsonNode mails = api.call(java.net.http.HttpRequest.newBuilder(
                mailApi.resolve("/api/messages?to=" + Api.encode(email))).GET().build());
        for (JsonNode mail : mails.isArray() ? mails : mails.path("items")) {
            Matcher token = MAIL_TOKEN.matcher(mail.toString());
            if (token.find()) {
                return token.group(1);
            }
        }
        return null;
    }
}
