package jp.kyoso.posts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.kyoso.posts.events.PostsEvents;
import jp.kyoso.posts.support.Api;
import jp.kyoso.posts.support.PostsServiceTest;
import jp.kyoso.posts.support.TestMember;
import jp.kyoso.testsupport.TopicProbe;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The generic Idempotency-Key of platform-support on the POSTs other than posts and replies (those have their own,
 * see IdempotencyKeyApiTest): a retried channel creation is created and published once and answers the first result.
 */
class GenericIdempotencyKeyApiTest extends PostsServiceTest {
    @Autowired
    MongoTemplate mongo;

    @Test
    void aRetriedChannelCreationWithTheSameKeyIsCreatedAndPublishedOnce() {
        TestMember manager = moderator("再送 管理者");
        String slug = "retry-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> channel = Map.of("slug", slug, "name", "再送の確認", "postingPolicy", "OPEN");
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

        try (TopicProbe probe = new TopicProbe(kafka(), PostsEvents.TOPIC)) {
            Api.Response first = api(manager).post("/api/channels", channel, key);
            Api.Response retried = api(manager).post("/api/channels", channel, key);

            assertThat(first.status()).as(first.body()).isEqualTo(201);
            assertThat(first.header("Idempotent-Replayed")).isNull();
            // without the key the retry would be 409 (the slug is taken); with it, the first answer again
            assertThat(retried.status()).as(retried.body()).isEqualTo(201);
            assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(retried.header("Location")).isEqualTo(first.header("Location"))
                    .isEqualTo("/api/channels/" + slug);
            assertThat(retried.json()).isEqualTo(first.json());
            // a channel's id is its slug
            assertThat(mongo.count(Query.query(Criteria.where("_id").is(slug)), "channels")).isEqualTo(1);

            probe.awaitRecords(r -> PostsEvents.CHANNEL_CREATED.equals(r.type()) && slug.equals(r.key()),
                    Duration.ofSeconds(20));
            assertThat(probe.drain(Duration.ofMillis(500)).stream()
                    .filter(r -> PostsEvents.CHANNEL_CREATED.equals(r.type()) && slug.equals(r.key()))).hasSize(1);
        }

        // the same key for another channel: 422, nothing created
        Api.Response other = api(manager).post("/api/channels", Map.of("slug", slug + "-b", "name", "別",
                "postingPolicy", "OPEN"), key);
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.contentType()).startsWith("application/problem+json");
        assertThat(mongo.count(Query.query(Criteria.where("_id").is(slug + "-b")), "channels")).isZero();
    }

    @Test
    void aPlainMemberIsStillRefusedAndTheRefusalIsNotMistakenForTheModeratorsKey() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> channel = Map.of("slug", "mine-" + UUID.randomUUID().toString().substring(0, 8),
                "name", "私の", "postingPolicy", "OPEN");
        Api.Response refused = api(member("一般 会員")).post("/api/channels", channel, Map.of("Idempotency-Key", key));
        assertThat(refused.status()).isEqualTo(403);
        // a moderator's own request under the same key is another caller's: it runs
        assertThat(api(moderator("別の 管理者")).post("/api/channels", channel, Map.of("Idempotency-Key", key))
                .status()).isEqualTo(201);
    }

    @Test
    void postsAndRepliesKeepTheirOwnIdempotencyAndTheDocsOfferTheHeaderOnEveryOtherPost() {
        Api.Response docs = api(member("仕様 確認")).get("/v3/api-docs");
        var paths = docs.json().get("paths");
        assertThat(paths.get("/api/channels").get("post").get("parameters").toString()).contains("Idempotency-Key");
        List<String> onPosts = new java.util.ArrayList<>();
        paths.get("/api/posts").get("post").get("parameters").forEach(p -> onPosts.add(p.get("name").asString()));
        assertThat(onPosts.stream().filter("Idempotency-Key"::equals)).hasSize(1);
    }
}
