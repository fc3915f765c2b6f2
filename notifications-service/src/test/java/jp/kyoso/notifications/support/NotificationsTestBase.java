package jp.kyoso.notifications.support;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import jp.kyoso.notifications.NotificationsApplication;
import jp.kyoso.embeddedmongo.StrictIndexes;
import jp.kyoso.notifications.member.MemberDirectory;
import jp.kyoso.testsupport.EmbeddedInfrastructure;
import jp.kyoso.testsupport.TestTokens;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One application context for every test class (each context start costs seconds): real broker, embedded
 * MongoDB-wire server, GreenMail, a local Slack stand-in, and short timings. Each test makes its own members, posts
 * and addresses, so the tests share the database without seeing each other.
 */
@SpringBootTest(classes = {NotificationsApplication.class, FaultInjection.class, TestClock.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // keep in step with TEST_PROPERTIES below
        "kyoso.web.base-url=https://kyoso.example",
        "kyoso.kafka.default-partitions=2",
        // one listener thread per partition of the posts events (ParallelDiscussionsTest); production's default is 1
        "spring.cloud.stream.bindings.postEvents-in-0.consumer.concurrency=2",
        "kyoso.mail.instant-window=1s",
        "kyoso.mail.instant-grace=200ms",
        "kyoso.mail.instant-spread=300ms",
        "kyoso.delivery.poll-interval=100ms",
        "kyoso.delivery.backoff-initial=300ms",
        "kyoso.delivery.backoff-max=1s",
        "kyoso.delivery.max-failures=30",
        // longer than one attempt: SMTP 3 x (1 s + 2 s + 2 s) + retry waits, Slack 3 s + 1 s
        "kyoso.delivery.lease=20s",
        "kyoso.delivery.sweep-interval=1s",
        "kyoso.slack.request-timeout=1s",
        "kyoso.slack.test.timeout=1s",
        "kyoso.stream.heartbeat=500ms",
        "kyoso.onboarding.first-post-nudge-after=1h",
        "kyoso.onboarding.check-interval=300ms",
        "kyoso.digest.check-interval=1h",
        "kyoso.sessions.check-interval=300ms",
        // the publicly known development KEK seals the webhook URLs (README, "Secrets at rest")
        "kyoso.secrets.allow-insecure-default-kek=true",
        "resilience4j.retry.instances.smtp.wait-duration=50ms",
        "resilience4j.circuitbreaker.instances.smtp.minimum-number-of-calls=2",
        "resilience4j.circuitbreaker.instances.smtp.sliding-window-size=4",
        "resilience4j.circuitbreaker.instances.smtp.wait-duration-in-open-state=1s",
        "spring.mail.properties.mail.smtp.connectiontimeout=1000",
        "spring.mail.properties.mail.smtp.timeout=2000",
        "spring.mail.properties.mail.smtp.writetimeout=2000"})
@ContextConfiguration(initializers = {EmbeddedInfrastructure.class, TestTokens.class, TestMail.class})
public abstract class NotificationsTestBase {
    /** The same settings, for a second instance started by hand. */
    public static final String[] TEST_PROPERTIES = {
        "kyoso.web.base-url=https://kyoso.example", "kyoso.kafka.default-partitions=2",
        "spring.cloud.stream.bindings.postEvents-in-0.consumer.concurrency=2",
        "kyoso.mail.instant-window=1s", "kyoso.mail.instant-grace=200ms", "kyoso.mail.instant-spread=300ms",
        "kyoso.delivery.poll-interval=100ms",
        "kyoso.delivery.backoff-initial=300ms", "kyoso.delivery.backoff-max=1s", "kyoso.delivery.max-failures=30",
        "kyoso.delivery.lease=20s", "kyoso.delivery.sweep-interval=1s", "kyoso.slack.request-timeout=1s",
        "kyoso.slack.test.timeout=1s",
        "kyoso.stream.heartbeat=500ms", "kyoso.onboarding.first-post-nudge-after=1h",
        "kyoso.onboarding.check-interval=300ms", "kyoso.digest.check-interval=1h",
        "kyoso.sessions.check-interval=300ms", "kyoso.secrets.allow-insecure-default-kek=true",
        "spring.mail.properties.mail.smtp.connectiontimeout=1000", "spring.mail.properties.mail.smtp.timeout=2000",
        "spring.mail.properties.mail.smtp.writetimeout=2000"};
    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected static final String MEMBERS = "kyoso.members.v1";
    protected static final String POSTS = "kyoso.posts.v1";
    protected static final String COMMANDS = "kyoso.notifications.commands.v1";
    /**
     * The comment that lets a test's assertion query scan under the strict index mode of the embedded server
     * ({@code query.comment(ALLOW_SCAN)}); never in the service's own queries.
     */
    public static final String ALLOW_SCAN = StrictIndexes.ALLOW_SCAN_COMMENT;

    @LocalServerPort
    protected int port;
    @Autowired
    protected KafkaTemplate<String, String> kafka;
    @Autowired
    protected MongoTemplate mongo;
    @Autowired
    protected MemberDirectory directory;

    private final List<Runnable> cleanups = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        cleanups.forEach(Runnable::run);
        cleanups.clear();
        TestClock.reset();
    }

    protected void afterTest(Runnable cleanup) {
        cleanups.add(cleanup);
    }

    /** A member as the tests use them: an id, an address, an access token. */
    public record TestMember(String id, String handle, String displayName, String email, String token) {
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Publishes MemberActivated, as members-service would, and waits until this service knows the member. */
    protected TestMember member(String displayName, String... roles) {
        return member(displayName, Instant.now(), roles);
    }

    protected TestMember member(String displayName, Instant activatedAt, String... roles) {
        return memberWithId(unique("m"), displayName, activatedAt, roles);
    }

    protected TestMember memberWithId(String id, String displayName, Instant activatedAt, String... roles) {
        String handle = id.replace("-", "_");
        String email = handle + "@city.example.lg.jp";
        List<String> roleList = roles.length == 0 ? List.of("MEMBER") : List.of(roles);
        publish(MEMBERS, id, "kyoso.members.MemberActivated.v1", Map.of("memberId", id, "handle", handle,
                "displayName", displayName, "organization", "テスト市", "email", email, "roles", roleList,
                "activatedAt", activatedAt.toString()));
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.find(id) != null
                && "ACTIVE".equals(directory.find(id).status()));
        return new TestMember(id, handle, displayName, email,
                TestTokens.accessToken(id, handle, displayName, roleList.toArray(String[]::new)));
    }

    /** Puts an event on a topic as another service's outbox relay would: CloudEvents headers, JSON body. */
    protected String publish(String topic, String key, String type, Map<String, ?> data) {
        return publish(topic, key, type, UUID.randomUUID().toString(), JSON.writeValueAsString(data));
    }

    protected String publish(String topic, String key, String type, String eventId, String json) {
        return publish(topic, key, type, eventId, json, sourceOf(topic));
    }

    /** The CloudEvents source of the service that really publishes on the topic (the consumers check it). */
    protected static String sourceOf(String topic) {
        return topic.startsWith("kyoso.posts.") ? "/kyoso/posts-service" : "/kyoso/members-service";
    }

    /** As above, with the source the record claims: a forgery when it is not {@link #sourceOf} the topic. */
    protected String publish(String topic, String key, String type, String eventId, String json, String source) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, json);
        header(record, "ce_id", eventId);
        header(record, "ce_type", type);
        header(record, "ce_source", source);
        header(record, "ce_specversion", "1.0");
        header(record, "ce_subject", key);
        header(record, "ce_time", Instant.now().toString());
        header(record, "content-type", "application/json");
        try {
            kafka.send(record).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
        return eventId;
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    protected Map<String, Object> post(String postId, String channel, String kind, String title, String authorId,
                                       List<String> mentioned) {
        return Map.of("postId", postId, "channelSlug", channel, "kind", kind, "title", title,
                "excerpt", title + " の本文です。", "tags", List.of(), "authorId", authorId,
                "mentionedMemberIds", mentioned, "createdAt", Instant.now().toString());
    }

    protected String publishPost(String postId, String channel, String title, TestMember author,
                                 TestMember... mentioned) {
        return publish(POSTS, postId, "kyoso.posts.PostPublished.v1", post(postId, channel, "DISCUSSION", title,
                author.id(), ids(mentioned)));
    }

    /** ChannelCreated, as posts-service publishes it when a moderator creates a channel. */
    protected String publishChannel(String slug) {
        return publish(POSTS, slug, "kyoso.posts.ChannelCreated.v1", Map.of("channelId", slug, "slug", slug,
                "name", slug, "description", "", "postingPolicy", "OPEN", "createdBy", "system",
                "createdAt", Instant.now().toString()));
    }

    protected String publishReply(String postId, String title, TestMember postAuthor, TestMember replier,
                                  TestMember... mentioned) {
        String replyId = unique("r");
        return publish(POSTS, postId, "kyoso.posts.ReplyAdded.v1", Map.of("postId", postId, "replyId", replyId,
                "channelSlug", "general", "postTitle", title, "postAuthorId", postAuthor.id(),
                "authorId", replier.id(), "excerpt", replier.displayName() + " さんの返信です。",
                "mentionedMemberIds", ids(mentioned), "createdAt", Instant.now().toString()));
    }

    protected static List<String> ids(TestMember... members) {
        return java.util.Arrays.stream(members).map(TestMember::id).toList();
    }

    protected RestClient http() {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { }).build();
    }

    protected ResponseEntity<String> get(TestMember member, String path) {
        return http().get().uri(path).header("Authorization", "Bearer " + member.token()).retrieve()
                .toEntity(String.class);
    }

    protected ResponseEntity<String> send(String method, TestMember member, String path, Object body) {
        var request = http().method(org.springframework.http.HttpMethod.valueOf(method)).uri(path)
                .header("Authorization", "Bearer " + member.token());
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON)
                    .body(body instanceof String text ? text : JSON.writeValueAsString(body));
        }
        return request.retrieve().toEntity(String.class);
    }

    protected static JsonNode json(ResponseEntity<String> response) {
        return JSON.readTree(response.getBody());
    }

    /** The member's inbox as the API shows it (first page of 100). */
    protected List<JsonNode> inbox(TestMember member) {
        JsonNode page = json(get(member, "/api/notifications?limit=100"));
        List<JsonNode> items = new ArrayList<>();
        page.get("items").forEach(items::add);
        return items;
    }

    /** Notices of the member about a post, of any type. */
    protected List<JsonNode> inboxAbout(TestMember member, String postId) {
        return inbox(member).stream().filter(i -> i.has("postId") && postId.equals(i.get("postId").asString()))
                .toList();
    }

    /**
     * Notices stored for the event, whoever they are for (their id is {@code <memberId>:<eventId>}). No index serves
     * an id's suffix and the service never asks it (it keeps the count in its progress): a scan, for the assertion.
     */
    protected long storedNotices(String eventId) {
        return mongo.count(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id")
                        .regex(":" + java.util.regex.Pattern.quote(eventId) + "$")).comment(ALLOW_SCAN),
                "notifications");
    }

    /** Whether the consumer of the topic has handled the event (its processed mark is written after the effects). */
    protected boolean processed(String consumer, String eventId) {
        return mongo.exists(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").is(consumer + ":" + eventId)),
                "processed_events");
    }
}
