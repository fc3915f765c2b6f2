package jp.kyoso.posts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import jp.kyoso.posts.channel.Channels;
import jp.kyoso.posts.channel.PostingPolicy;
import jp.kyoso.posts.events.PostsEvents;
import jp.kyoso.posts.support.Api;
import jp.kyoso.posts.support.PostsServiceTest;
import jp.kyoso.posts.support.TestMember;
import jp.kyoso.testsupport.TopicProbe;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class ChannelsApiTest extends PostsServiceTest {
    @Autowired
    Channels channels;

    @Test
    void aNewPlatformHasTheThreeDefaultChannelsWithTheirPoliciesAndPostCounts() {
        TestMember member = member("一覧 見る人");
        Api.Response before = api(member).get("/api/channels");
        assertThat(before.status()).isEqualTo(200);
        JsonNode general = channel(before, "general");
        assertThat(channel(before, "introductions").get("name").asString()).isEqualTo("自己紹介");
        assertThat(general.get("name").asString()).isEqualTo("雑談");
        assertThat(general.get("postingPolicy").asString()).isEqualTo("OPEN");
        JsonNode announcements = channel(before, "announcements");
        assertThat(announcements.get("name").asString()).isEqualTo("お知らせ");
        assertThat(announcements.get("postingPolicy").asString()).isEqualTo("MODERATORS");
        assertThat(general.get("id").asString()).isNotBlank();

        long count = general.get("postCount").asLong();
        api(member).publish("general", "DISCUSSION", "数える投稿", "本文");
        // kept on the channel by posts-service's own consumer of PostPublished: a moment later
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                channel(api(member).get("/api/channels"), "general").get("postCount").asLong() == count + 1);
    }

    @Test
    void theChannelListHonoursLimitAndCursor() {
        TestMember manager = moderator("ページ 確認");
        for (int i = 0; i < 3; i++) {
            assertThat(api(manager).post("/api/channels", Map.of("slug", "page-" + i + "-" + suffix(), "name",
                    "ページ " + i, "postingPolicy", "OPEN")).status()).isEqualTo(201);
        }
        List<String> all = new java.util.ArrayList<>();
        Api.Response page = api(manager).get("/api/channels?limit=2");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.items()).hasSize(2);
        all.addAll(page.items().stream().map(c -> c.get("slug").asString()).toList());
        while (!page.json().get("nextCursor").isNull()) {
            page = api(manager).get("/api/channels?limit=2&cursor=" + page.json().get("nextCursor").asString());
            assertThat(page.items()).hasSizeLessThanOrEqualTo(2).isNotEmpty();
            all.addAll(page.items().stream().map(c -> c.get("slug").asString()).toList());
        }
        List<String> unpaged = api(manager).get("/api/channels?limit=100").items().stream()
                .map(c -> c.get("slug").asString()).toList();
        assertThat(all).doesNotHaveDuplicates().isEqualTo(unpaged);
        assertThat(all.subList(0, 4)).containsExactlyInAnyOrder("introductions", "general", "announcements",
                "sessions");
        assertThat(all.size()).isGreaterThanOrEqualTo(6);
        assertThat(api(manager).get("/api/channels").items()).hasSizeLessThanOrEqualTo(20);
        assertThat(api(manager).get("/api/channels?limit=101").status()).isEqualTo(400);
        assertThat(api(manager).get("/api/channels?cursor=nonsense").status()).isEqualTo(400);
    }

    @Test
    void moderatorsCreateChannelsOnceAndChannelCreatedIsPublished() {
        TestMember manager = moderator("運営 担当");
        // the broker outlives the test run's database: slugs of this run only
        String slug = "kosodate-" + suffix();
        String refused = "mine-" + suffix();
        try (TopicProbe probe = new TopicProbe(kafka(), PostsEvents.TOPIC)) {
            Api.Response created = api(manager).post("/api/channels", Map.of("slug", slug, "name", "子育て支援",
                    "description", "子育て支援の担当者の情報交換", "postingPolicy", "OPEN"));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.header("Location")).isEqualTo("/api/channels/" + slug);
            assertThat(created.json().get("postCount").asLong()).isZero();

            List<TopicProbe.Received> events = probe.awaitRecords(r -> PostsEvents.CHANNEL_CREATED.equals(r.type())
                    && slug.equals(r.key()), Duration.ofSeconds(20));
            assertThat(probe.drain(Duration.ofMillis(500)).stream()
                    .filter(r -> PostsEvents.CHANNEL_CREATED.equals(r.type()) && slug.equals(r.key()))).hasSize(1);
            TopicProbe.Received event = events.get(0);
            JsonNode data = Api.JSON.readTree(event.value());
            assertThat(event.key()).isEqualTo(data.get("channelId").asString());
            assertThat(data.get("slug").asString()).isEqualTo(slug);
            assertThat(data.get("name").asString()).isEqualTo("子育て支援");
            assertThat(data.get("postingPolicy").asString()).isEqualTo("OPEN");
            assertThat(data.get("createdBy").asString()).isEqualTo(manager.id());
            assertThat(data.get("createdAt").asString()).endsWith("Z");

            Api.Response again = api(manager).post("/api/channels", Map.of("slug", slug, "name", "別名",
                "postingPolicy", "OPEN"));
            assertThat(again.status()).isEqualTo(409);
        }
        Api.Response byMember = api(member("一般")).post("/api/channels", Map.of("slug", refused, "name", "私の",
                "postingPolicy", "OPEN"));
        assertThat(byMember.status()).isEqualTo(403);
        assertThat(byMember.contentType()).startsWith("application/problem+json");
        Api.Response badSlug = api(manager).post("/api/channels", Map.of("slug", "Bad Slug!", "name", "x",
                "postingPolicy", "OPEN"));
        assertThat(badSlug.status()).isEqualTo(400);
        assertThat(badSlug.body()).contains("slug");
        assertThat(api(manager).get("/api/channels").body()).contains("\"" + slug + "\"")
                .doesNotContain("\"" + refused + "\"").doesNotContain("Bad Slug");
    }

    @Test
    void theDefaultChannelsAreCreatedOnceHoweverOftenInstancesStart() {
        assertThat(channels.ensure("general", "雑談", "x", PostingPolicy.OPEN)).isFalse();
        assertThat(channels.ensure("announcements", "お知らせ", "x", PostingPolicy.MODERATORS)).isFalse();
        // other test contexts on the same broker (each with its own database) created their own "general": count
        // the events of this database's channel, recognised by its creation time
        java.time.Instant createdAt = channels.find("general").orElseThrow().createdAt();
        try (TopicProbe probe = new TopicProbe(kafka(), PostsEvents.TOPIC)) {
            java.util.function.Predicate<TopicProbe.Received> thisGeneral = r ->
                    PostsEvents.CHANNEL_CREATED.equals(r.type()) && "general".equals(r.key())
                            && createdAt.equals(java.time.Instant.parse(
                                    Api.JSON.readTree(r.value()).get("createdAt").asString()));
            probe.awaitRecords(thisGeneral, Duration.ofSeconds(20));
            assertThat(probe.drain(Duration.ofSeconds(2)).stream().filter(thisGeneral)).hasSize(1);
        }
    }

    @Test
    void theListHasTheShapeOfEveryList() {
        Api.Response list = api(member("形 見る人")).get("/api/channels");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("items").isArray()).isTrue();
        assertThat(list.json().has("nextCursor")).isTrue();
        assertThat(list.json().get("nextCursor").isNull()).isTrue();
    }

    private static String suffix() {
        return java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    private static JsonNode channel(Api.Response response, String slug) {
        for (JsonNode channel : response.items()) {
            if (slug.equals(channel.get("slug").asString())) {
                return channel;
            }
        }
        throw new AssertionError("no channel " + slug + " in " + response.body());
    }
}
