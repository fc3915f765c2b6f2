package jp.kyoso.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import jp.kyoso.posts.events.PostsEvents;
import jp.kyoso.posts.search.SearchIndexer;
import jp.kyoso.posts.support.Api;
import jp.kyoso.posts.support.PostsServiceTest;
import jp.kyoso.posts.support.TestMember;
import jp.kyoso.testsupport.TopicProbe;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Archiving a channel: no new posts, everything else stays (issue 10, second slice). */
class ChannelArchiveApiTest extends PostsServiceTest {
    @Autowired
    SearchIndexer indexer;

    @Test
    void anArchivedChannelRefusesNewPostsButKeepsItsPostsRepliesAndSearchUntilUnarchived() {
        await().atMost(Duration.ofSeconds(60)).until(() -> indexer.lastRebuild() != null);
        TestMember manager = moderator("書庫 担当");
        TestMember member = member("書庫 会員");
        String slug = "archive-" + UUID.randomUUID().toString().substring(0, 8);
        String marker = "書庫" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        assertThat(api(manager).post("/api/channels", Map.of("slug", slug, "name", "古い話題",
                "postingPolicy", "OPEN")).status()).isEqualTo(201);
        String postId = api(member).publish(slug, "DISCUSSION", "残る投稿 " + marker, "アーカイブ後も読めます。");
        assertThat(channel(api(member).get("/api/channels?limit=100"), slug).get("archived").asBoolean()).isFalse();
        // the count is kept from PostPublished, a moment after the post
        await().atMost(Duration.ofSeconds(20)).until(() ->
                channel(api(member).get("/api/channels?limit=100"), slug).get("postCount").asLong() == 1);

        try (TopicProbe probe = new TopicProbe(kafka(), PostsEvents.TOPIC)) {
            assertThat(api(member).post("/api/channels/" + slug + "/archive", null).status()).isEqualTo(403);
            Api.Response archived = api(manager).post("/api/channels/" + slug + "/archive", null);
            assertThat(archived.status()).as(archived.body()).isEqualTo(200);
            assertThat(archived.json().get("slug").asString()).isEqualTo(slug);
            assertThat(archived.json().get("archived").asBoolean()).isTrue();
            assertThat(archived.json().get("postCount").asLong()).isEqualTo(1);
            // archiving twice is fine and no second event
            assertThat(api(manager).post("/api/channels/" + slug + "/archive", null).status()).isEqualTo(200);

            JsonNode event = Api.JSON.readTree(probe.awaitRecords(r -> PostsEvents.CHANNEL_ARCHIVED.equals(r.type())
                    && slug.equals(r.key()), Duration.ofSeconds(20)).get(0).value());
            assertThat(event.get("channelId").asString()).isEqualTo(slug);
            assertThat(event.get("slug").asString()).isEqualTo(slug);
            assertThat(event.get("archived").asBoolean()).isTrue();
            assertThat(event.get("by").asString()).isEqualTo(manager.id());
            assertThat(event.get("at").asString()).isNotBlank();

            Api.Response refused = api(member).post("/api/posts", Map.of("channel", slug, "kind", "DISCUSSION",
                    "title", "もう書けない", "body", "本文"));
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body()).contains("アーカイブされたチャンネルです / This channel is archived");
            // moderators too
            assertThat(api(manager).post("/api/posts", Map.of("channel", slug, "kind", "DISCUSSION",
                    "title", "もう書けない", "body", "本文")).status()).isEqualTo(409);

            // still listed, still readable, repliable and searchable
            assertThat(channel(api(member).get("/api/channels?limit=100"), slug).get("archived").asBoolean()).isTrue();
            assertThat(api(member).get("/api/posts/" + postId).status()).isEqualTo(200);
            api(manager).reply(postId, "アーカイブ前の議論への補足です。");
            await().atMost(Duration.ofSeconds(30)).until(() -> api(member).get("/api/search?q=" + Api.encode(marker))
                    .items().stream().anyMatch(hit -> postId.equals(hit.get("postId").asString())));

            Api.Response restored = api(manager).post("/api/channels/" + slug + "/unarchive", null);
            assertThat(restored.status()).isEqualTo(200);
            assertThat(restored.json().get("archived").asBoolean()).isFalse();
            probe.awaitRecords(r -> PostsEvents.CHANNEL_ARCHIVED.equals(r.type()) && slug.equals(r.key())
                    && r.value().contains("\"archived\":false"), Duration.ofSeconds(20));
            assertThat(probe.drain(Duration.ofSeconds(1)).stream().filter(r -> PostsEvents.CHANNEL_ARCHIVED
                    .equals(r.type()) && slug.equals(r.key())).count()).isEqualTo(2);
            api(member).publish(slug, "DISCUSSION", "また書ける", "本文");
        }
        assertThat(api(manager).post("/api/channels/no-such-channel/archive", null).status()).isEqualTo(404);
    }

    private static JsonNode channel(Api.Response list, String slug) {
        return list.items().stream().filter(c -> slug.equals(c.get("slug").asString())).findFirst()
                .orElseThrow(() -> new AssertionError("no channel " + slug));
    }
}
