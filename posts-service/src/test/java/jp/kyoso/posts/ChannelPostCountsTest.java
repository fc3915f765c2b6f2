package jp.kyoso.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import jp.kyoso.platform.consumer.InboundEvent;
import jp.kyoso.posts.channel.ChannelPostCounts;
import jp.kyoso.posts.events.PostsEvents;
import jp.kyoso.posts.support.Api;
import jp.kyoso.posts.support.PostsServiceTest;
import jp.kyoso.posts.support.TestMember;
import jp.kyoso.testsupport.TopicProbe;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The channels' post counts are kept on the channel documents from posts-service's own events (issue 12): right a
 * moment after each create, delete, hide and unhide, once per event however often it is delivered, and counted once
 * at start for channels that had no count.
 */
class ChannelPostCountsTest extends PostsServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    MongoTemplate mongo;
    @Autowired
    ChannelPostCounts counts;
    @Autowired
    KafkaTemplate<String, String> kafka;

    @Test
    void theCountFollowsCreateDeleteHideAndUnhide() {
        TestMember manager = moderator("数 管理");
        TestMember member = member("数 会員");
        String slug = newChannel(manager);
        String first = api(member).publish(slug, "DISCUSSION", "一つ目", "本文");
        String second = api(member).publish(slug, "DISCUSSION", "二つ目", "本文");
        String third = api(member).publish(slug, "DISCUSSION", "三つ目", "本文");
        awaitCount(member, slug, 3);

        assertThat(api(member).delete("/api/posts/" + first).status()).isEqualTo(204);
        awaitCount(member, slug, 2);

        assertThat(api(manager).post("/api/posts/" + second + "/hide", Map.of()).status()).isEqualTo(204);
        awaitCount(member, slug, 1);
        // hiding it again with a reason is announced (the author hears the reason) but changes no count
        assertThat(api(manager).post("/api/posts/" + second + "/hide", Map.of("reason", "規約違反")).status())
                .isEqualTo(204);
        // deleting a hidden post takes nothing more off: its hiding did
        assertThat(api(manager).delete("/api/posts/" + second).status()).isEqualTo(204);
        assertThat(api(manager).post("/api/posts/" + third + "/hide", Map.of()).status()).isEqualTo(204);
        awaitCount(member, slug, 0);
        assertThat(api(manager).post("/api/posts/" + third + "/unhide", Map.of()).status()).isEqualTo(204);
        awaitCount(member, slug, 1);
        // a last event behind all the others of this channel's posts: nothing before it was counted twice
        api(member).publish(slug, "DISCUSSION", "四つ目", "本文");
        awaitCount(member, slug, 2);
        assertThat(countOf(slug)).isEqualTo(2);
    }

    @Test
    void aRedeliveredPostPublishedCountsOnce() throws Exception {
        TestMember manager = moderator("再送 管理");
        TestMember member = member("再送 会員");
        String slug = newChannel(manager);
        try (TopicProbe probe = new TopicProbe(kafka(), PostsEvents.TOPIC)) {
            String postId = api(member).publish(slug, "DISCUSSION", "再送される投稿", "本文");
            awaitCount(member, slug, 1);
            TopicProbe.Received published = probe.awaitRecords(r -> PostsEvents.POST_PUBLISHED.equals(r.type())
                    && postId.equals(r.key()), WAIT).get(0);

            // the broker hands the same record over again (a rebalance, a crash before the commit)
            ProducerRecord<String, String> again = new ProducerRecord<>(PostsEvents.TOPIC, published.key(),
                    published.value());
            published.headers().forEach((name, value) -> again.headers().add(name,
                    value.getBytes(StandardCharsets.UTF_8)));
            kafka.send(again).get();
            // the same post's next event is behind the copy on its partition: once it is counted, so was the copy
            assertThat(api(member).delete("/api/posts/" + postId).status()).isEqualTo(204);
            awaitCount(member, slug, 0);
            assertThat(countOf(slug)).isZero();
        }
    }

    @Test
    void anEventAppliedTwiceWithoutItsProcessedMarkStillCountsOnceAndOldEventsNotAtAll() {
        TestMember manager = moderator("冪等 管理");
        String slug = newChannel(manager);
        Instant asOf = mongo.findById(slug, Document.class, "channels").getDate("postCountAsOf").toInstant();
        InboundEvent published = event(PostsEvents.POST_PUBLISHED, slug, asOf.plusSeconds(1));

        // a crash between the count and the ProcessedEvents mark: the handler runs again for the same event
        counts.apply(published);
        counts.apply(published);
        assertThat(countOf(slug)).isEqualTo(1);
        // history from before the count (a new consumer group reads the topic from its start) is not counted
        counts.apply(event(PostsEvents.POST_PUBLISHED, slug, asOf.minusSeconds(60)));
        assertThat(countOf(slug)).isEqualTo(1);
    }

    @Test
    void aChannelWithoutACountIsCountedOnceAtStart() {
        TestMember manager = moderator("初回 管理");
        TestMember member = member("初回 会員");
        String slug = newChannel(manager);
        api(member).publish(slug, "DISCUSSION", "数える", "本文");
        String deleted = api(member).publish(slug, "DISCUSSION", "消す", "本文");
        api(member).publish(slug, "DISCUSSION", "残す", "本文");
        assertThat(api(member).delete("/api/posts/" + deleted).status()).isEqualTo(204);
        awaitCount(member, slug, 2);
        // as a channel from before the count was kept
        mongo.updateFirst(Query.query(Criteria.where("_id").is(slug)),
                new Update().unset("postCount").unset("postCountAsOf"), "channels");
        assertThat(channelView(member, slug).get("postCount").asLong()).isZero();

        counts.countUncounted();
        assertThat(countOf(slug)).isEqualTo(2);
        assertThat(channelView(member, slug).get("postCount").asLong()).isEqualTo(2);
        // counted once: a second start leaves the kept count alone
        mongo.updateFirst(Query.query(Criteria.where("_id").is(slug)), new Update().set("postCount", 7L), "channels");
        counts.countUncounted();
        assertThat(countOf(slug)).isEqualTo(7);
    }

    private InboundEvent event(String type, String slug, Instant at) {
        JsonNode data = Api.JSON.readTree("{\"postId\":\"" + UUID.randomUUID() + "\",\"channelSlug\":\"" + slug
                + "\"}");
        return new InboundEvent(UUID.randomUUID().toString(), type, "/kyoso/posts-service", slug, at.toString(),
                data);
    }

    private long countOf(String slug) {
        return ((Number) mongo.findById(slug, Document.class, "channels").get("postCount")).longValue();
    }

    private String newChannel(TestMember manager) {
        String slug = "count-" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        Api.Response created = api(manager).post("/api/channels", Map.of("slug", slug, "name", "数える",
                "postingPolicy", "OPEN"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return slug;
    }

    private void awaitCount(TestMember viewer, String slug, long expected) {
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(channelView(viewer, slug).get("postCount").asLong()).isEqualTo(expected));
    }

    /** The channel as the list shows it, on whichever page (the list is oldest first and tests add channels). */
    private JsonNode channelView(TestMember viewer, String slug) {
        String cursor = null;
        do {
            Api.Response list = api(viewer).get("/api/channels?limit=100"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            for (JsonNode channel : list.items()) {
                if (slug.equals(channel.get("slug").asString())) {
                    return channel;
                }
            }
            JsonNode next = list.json().get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asString();
        } while (cursor != null);
        throw new AssertionError("no channel " + slug);
    }
}
