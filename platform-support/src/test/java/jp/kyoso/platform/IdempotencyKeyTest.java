package jp.kyoso.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jp.kyoso.platform.idempotency.IdempotencyRecords;
import jp.kyoso.testsupport.EmbeddedInfrastructure;
import jp.kyoso.testsupport.TestTokens;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.ContextConfiguration;

/** The generic Idempotency-Key filter on real HTTP, the services' security and the embedded MongoDB-wire server. */
@SpringBootTest(classes = PlumbingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = {EmbeddedInfrastructure.class, TestTokens.class})
class IdempotencyKeyTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private final String alice = TestTokens.accessToken("m-alice", "alice", "Alice");
    private final String bob = TestTokens.accessToken("m-bob", "bob", "Bob");

    @LocalServerPort
    int port;
    @Autowired
    MongoTemplate mongo;

    @Test
    void aRetryWithTheSameKeyGetsTheFirstAnswerAndRunsNothingTwice() throws Exception {
        String name = unique("replay");
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = post("/api/widgets", alice, key, order(name));
        HttpResponse<String> retry = post("/api/widgets", alice, key, order(name));

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body()).contains("\"run\":1");
        assertThat(retry.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(retry.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(IdempotencyTestEndpoints.runs(name)).isEqualTo(1);

        // the key is the caller's: another member's request with the same key is another request
        assertThat(post("/api/widgets", bob, key, order(name)).body()).contains("\"run\":2");
        // and without a key every request runs
        assertThat(post("/api/widgets", alice, null, order(name)).body()).contains("\"run\":3");
        Document record = mongo.findById(IdempotencyRecords.idOf("plumbing-test", "m-alice", key), Document.class,
                IdempotencyRecords.COLLECTION);
        assertThat(record.getString("state")).isEqualTo("DONE");
        assertThat(record.getDate("expiresAt").toInstant())
                .isAfter(record.getDate("startedAt").toInstant().plus(Duration.ofHours(23)));
    }

    @Test
    void theSameKeyForAnotherRequestIs422AndRunsNothing() throws Exception {
        String name = unique("mismatch");
        String key = UUID.randomUUID().toString();
        assertThat(post("/api/widgets", alice, key, order(name)).statusCode()).isEqualTo(201);

        HttpResponse<String> other = post("/api/widgets", alice, key, order(name + "-other"));

        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(other.body()).contains("別の内容").contains("different request");
        assertThat(IdempotencyTestEndpoints.runs(name + "-other")).isZero();
    }

    @Test
    void aRetryWhileTheFirstStillRunsIs409WithRetryAfterAndThenGetsTheFirstAnswer() throws Exception {
        String name = unique("concurrent");
        String key = UUID.randomUUID().toString();
        IdempotencyTestEndpoints.slowGate = new CountDownLatch(1);
        IdempotencyTestEndpoints.slowEntered = new CountDownLatch(1);
        CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> {
            try {
                return post("/api/widgets/slow", alice, key, order(name));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            assertThat(IdempotencyTestEndpoints.slowEntered.await(20, TimeUnit.SECONDS)).isTrue();

            HttpResponse<String> duplicate = post("/api/widgets/slow", alice, key, order(name));

            assertThat(duplicate.statusCode()).isEqualTo(409);
            assertThat(duplicate.headers().firstValue("Retry-After")).isPresent();
            assertThat(duplicate.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("application/problem+json");
            assertThat(duplicate.body()).contains("処理中です");
        } finally {
            IdempotencyTestEndpoints.slowGate.countDown();
        }
        assertThat(first.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
        HttpResponse<String> after = post("/api/widgets/slow", alice, key, order(name));
        assertThat(after.statusCode()).isEqualTo(201);
        assertThat(after.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(IdempotencyTestEndpoints.runs(name)).isEqualTo(1);
    }

    @Test
    void aServerErrorIsNotKeptSoItsRetryRunsAgain() throws Exception {
        String name = unique("flaky");
        String key = UUID.randomUUID().toString();
        assertThat(post("/api/widgets/flaky", alice, key, order(name)).statusCode()).isEqualTo(503);
        assertThat(mongo.findById(IdempotencyRecords.idOf("plumbing-test", "m-alice", key), Document.class,
                IdempotencyRecords.COLLECTION)).isNull();

        HttpResponse<String> retry = post("/api/widgets/flaky", alice, key, order(name));

        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(IdempotencyTestEndpoints.runs(name)).isEqualTo(2);
        assertThat(post("/api/widgets/flaky", alice, key, order(name)).headers().firstValue("Idempotent-Replayed"))
                .contains("true");
        assertThat(IdempotencyTestEndpoints.runs(name)).isEqualTo(2);
    }

    @Test
    void anAnonymousRequestIsKeyedByItsKeyAlone() throws Exception {
        String name = unique("anonymous");
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = post("/api/public/widgets", null, key, order(name));
        HttpResponse<String> retry = post("/api/public/widgets", null, key, order(name));

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(IdempotencyTestEndpoints.runs(name)).isEqualTo(1);
        Document record = mongo.findById(IdempotencyRecords.idOf("plumbing-test", null, key), Document.class,
                IdempotencyRecords.COLLECTION);
        assertThat(record.get("caller")).isNull();
    }

    @Test
    void anExcludedPathRunsEveryTimeAndItsTokensAreNeverStored() throws Exception {
        String name = unique("login");
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = post("/api/auth/login", null, key, order(name));
        HttpResponse<String> again = post("/api/auth/login", null, key, order(name));

        assertThat(first.body()).contains("secret-login-1");
        assertThat(again.body()).contains("secret-login-2");
        assertThat(again.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(mongo.exists(Query.query(Criteria.where("_id")
                .is(IdempotencyRecords.idOf("plumbing-test", null, key))), IdempotencyRecords.COLLECTION)).isFalse();
        // a path not listed is served as usual
        assertThat(post("/api/auth/other", null, key, order(name)).body()).contains("secret-other-3");
        assertThat(post("/api/auth/other", null, key, order(name)).body()).contains("secret-other-3");
    }

    @Test
    void aKeyThatIsNotOneToSixtyFourVisibleAsciiCharactersIs400AndRunsNothing() throws Exception {
        String name = unique("invalid");
        // API.md: "Idempotency-Key: <opaque, ≤ 64 chars>"
        for (String key : new String[] {"with space", "x".repeat(65)}) {
            HttpResponse<String> refused = post("/api/widgets", alice, key, order(name));
            assertThat(refused.statusCode()).as(key).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("application/problem+json");
            assertThat(refused.body()).contains("Idempotency-Key");
        }
        assertThat(IdempotencyTestEndpoints.runs(name)).isZero();

        assertThat(post("/api/widgets", alice, "k".repeat(64), order(name)).statusCode()).isEqualTo(201);
        assertThat(IdempotencyTestEndpoints.runs(name)).isEqualTo(1);
    }

    @Test
    void expiredKeysArePurged() {
        IdempotencyRecords records = new IdempotencyRecords(mongo,
                new jp.kyoso.platform.idempotency.IdempotencyProperties(true, null, null, null, null, null),
                java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofHours(25)));
        String key = UUID.randomUUID().toString();
        new IdempotencyRecords(mongo,
                new jp.kyoso.platform.idempotency.IdempotencyProperties(true, null, null, null, null, null),
                java.time.Clock.systemUTC()).claim("plumbing-test", "m-carol", key, "hash");

        assertThat(records.purgeExpired()).isPositive();

        await().atMost(Duration.ofSeconds(5)).until(() -> !mongo.exists(Query.query(Criteria.where("_id")
                .is(IdempotencyRecords.idOf("plumbing-test", "m-carol", key))), IdempotencyRecords.COLLECTION));
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private static String order(String name) {
        return "{\"name\":\"" + name + "\"}";
    }

    private HttpResponse<String> post(String path, String token, String key, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
