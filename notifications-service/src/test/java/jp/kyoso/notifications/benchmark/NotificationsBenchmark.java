package jp.kyoso.notifications.benchmark;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import jp.kyoso.notifications.NotificationsApplication;
import jp.kyoso.notifications.fanout.Notifier;
import jp.kyoso.notifications.inbox.Actor;
import jp.kyoso.notifications.inbox.InboxStore;
import jp.kyoso.notifications.inbox.NotificationContent;
import jp.kyoso.notifications.support.NotificationsTestBase;
import jp.kyoso.notifications.support.SseClient;
import jp.kyoso.notifications.support.TestMail;
import jp.kyoso.testsupport.EmbeddedInfrastructure;
import jp.kyoso.testsupport.TestTokens;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Not a test: prints the fan-out time of an announcement to 10,000 and 100,000 members (stored once, then its mail
 * pages and stream signals member by member) and a member's first look after it, and the latency from a reply
 * event on Kafka to the notice stored and on the author's live stream (p50, p99). Runs the whole service on the
 * embedded infrastructure of the tests (KRaft broker, in-memory MongoDB-wire server):
 *
 * <pre>./mvnw -o -q -pl notifications-service test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * cd notifications-service && java -Xmx1g -XX:+UseSerialGC \
 *     -cp target/test-classes:target/classes:$(cat /tmp/cp.txt) \
 *     jp.kyoso.notifications.benchmark.NotificationsBenchmark</pre>
 */
public final class NotificationsBenchmark {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private NotificationsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run();
        } finally {
            // the embedded broker's threads would keep the JVM alive
            System.exit(0);
        }
    }

    private static void run() throws Exception {
        List<String> arguments = new ArrayList<>();
        for (String property : NotificationsTestBase.TEST_PROPERTIES) {
            // production timings for the queue: the tests' 100 ms polls and 1 s sweeps would compete with the fan-out
            if (!property.startsWith("kyoso.mail.instant-window") && !property.startsWith("kyoso.delivery.")) {
                arguments.add("--" + property);
            }
        }
        arguments.add("--server.port=0");
        arguments.add("--logging.level.root=WARN");
        // mail is not what is measured: the announcement's mail job waits for the end of its (long) window
        arguments.add("--kyoso.mail.instant-window=1h");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(NotificationsApplication.class)
                .initializers(new EmbeddedInfrastructure(), new TestTokens(), new TestMail())
                .run(arguments.toArray(String[]::new))) {
            MongoTemplate mongo = app.getBean(MongoTemplate.class);
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            latency(app, mongo, port, 200);
            Notifier notifier = app.getBean(Notifier.class);
            InboxStore inbox = app.getBean(InboxStore.class);
            int seeded = 0;
            for (int members : new int[] {10_000, 100_000}) {
                seeded = seed(mongo, seeded, members);
                NotificationContent content = new NotificationContent(UUID.randomUUID().toString(),
                        new Actor("bench-author", "ベンチ 作者"), "bench-post", null, "announcements",
                        "那覇で勉強会を開催します", "沖縄・九州の自治体職員のみなさん、勉強会を開催します。", null);
                long start = System.nanoTime();
                int copies = notifier.announce(content, "bench-author");
                long millis = (System.nanoTime() - start) / 1_000_000;
                System.out.printf("fan-out ANNOUNCEMENT to %,d members: stored once, then its mail pages and stream "
                        + "signals for every member, in %,d ms (%,d copies written now, for digest readers)%n",
                        members, millis, copies);
                start = System.nanoTime();
                long unread = inbox.unreadCount("bench-1");
                System.out.printf("  then a member's first look (their copy written and counted, unread %d): %,d ms%n",
                        unread, (System.nanoTime() - start) / 1_000_000);
            }
        }
    }

    private static int seed(MongoTemplate mongo, int from, int to) {
        List<Document> batch = new ArrayList<>();
        for (int i = from; i < to; i++) {
            batch.add(new Document("_id", "bench-" + i).append("status", "ACTIVE").append("displayName", "会員 " + i)
                    .append("email", "bench-" + i + "@city.example.lg.jp").append("roles", List.of("MEMBER")));
            if (batch.size() == 5000) {
                mongo.getCollection("members").insertMany(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            mongo.getCollection("members").insertMany(batch);
        }
        return to;
    }

    @SuppressWarnings("unchecked")
    private static void latency(ConfigurableApplicationContext app, MongoTemplate mongo, int port, int rounds)
            throws Exception {
        KafkaTemplate<String, String> kafka = app.getBean(KafkaTemplate.class);
        String author = "lat-author";
        String replier = "lat-replier";
        mongo.getCollection("members").insertMany(List.of(
                new Document("_id", author).append("status", "ACTIVE").append("displayName", "作者"),
                new Document("_id", replier).append("status", "ACTIVE").append("displayName", "返信者")));
        mongo.getCollection("preferences").insertOne(new Document("_id", author).append("email", "OFF"));
        String postId = "lat-post";
        send(kafka, postId, "kyoso.posts.PostPublished.v1", UUID.randomUUID().toString(), Map.of("postId", postId,
                "channelSlug", "general", "kind", "QUESTION", "title", "計測", "excerpt", "計測", "authorId", author,
                "mentionedMemberIds", List.of()));
        List<Long> streamed = new ArrayList<>();
        List<Long> storedTimes = new ArrayList<>();
        int storeMisses = 0;
        int streamMisses = 0;
        try (SseClient stream = new SseClient("http://localhost:" + port + "/api/notifications/stream",
                TestTokens.accessToken(author, "author", "作者"), null)) {
            waitUntil(stream::connected, Duration.ofSeconds(10));
            for (int i = 0; i < rounds + 20; i++) {
                String eventId = UUID.randomUUID().toString();
                long start = System.nanoTime();
                send(kafka, postId, "kyoso.posts.ReplyAdded.v1", eventId, Map.of("postId", postId,
                        "replyId", "r-" + i, "channelSlug", "general", "postTitle", "計測", "postAuthorId", author,
                        "authorId", replier, "excerpt", "返信 " + i, "mentionedMemberIds", List.of()));
                String id = author + ":" + eventId;
                long stored = -1;
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (System.nanoTime() < deadline && (stored < 0 || stream.arrival(eventId) < 0)) {
                    if (stored < 0 && mongo.exists(Query.query(Criteria.where("_id").is(id)), "notifications")) {
                        stored = System.nanoTime();
                    }
                    // a short park, not a busy spin: the service measured runs on the same two cores
                    LockSupport.parkNanos(200_000);
                }
                if (i >= 20) { // the first rounds warm the JIT up
                    // a notice that never came has no latency: it is counted as a miss, not sorted among the fast
                    if (stored < 0) {
                        storeMisses++;
                    } else {
                        storedTimes.add((stored - start) / 1_000);
                    }
                    long arrived = stream.arrival(eventId);
                    if (arrived < 0) {
                        streamMisses++;
                    } else {
                        streamed.add((arrived - start) / 1_000);
                    }
                }
            }
        }
        System.out.printf("reply event on Kafka -> notice stored: p50 %.1f ms, p99 %.1f ms (%d replies, %d misses)%n",
                percentile(storedTimes, 50), percentile(storedTimes, 99), storedTimes.size(), storeMisses);
        System.out.printf("reply event on Kafka -> notice on the live stream: p50 %.1f ms, p99 %.1f ms "
                + "(%d arrived, %d misses after 10 s)%n", percentile(streamed, 50), percentile(streamed, 99),
                streamed.size(), streamMisses);
    }

    private static void send(KafkaTemplate<String, String> kafka, String key, String type, String id,
                             Map<String, Object> data) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>("kyoso.posts.v1", key,
                JSON.writeValueAsString(data));
        record.headers().add("ce_id", id.getBytes(StandardCharsets.UTF_8))
                .add("ce_type", type.getBytes(StandardCharsets.UTF_8))
                // the consumers believe posts events only from posts-service
                .add("ce_source", "/kyoso/posts-service".getBytes(StandardCharsets.UTF_8))
                .add("ce_time", Instant.now().toString().getBytes(StandardCharsets.UTF_8));
        kafka.send(record).get();
    }

    private static double percentile(List<Long> micros, int percentile) {
        if (micros.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1000.0;
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, Duration atMost)
            throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
