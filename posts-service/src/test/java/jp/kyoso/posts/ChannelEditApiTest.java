package jp.kyoso.posts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import jp.kyoso.posts.events.PostsEvents;
import jp.kyoso.posts.support.Api;
import jp.kyoso.posts.support.PostsServiceTest;
import jp.kyoso.posts.support.TestMember;
import jp.kyoso.testsupport.TopicProbe;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** PATCH /api/channels/{slug}: moderators change a channel's name, description or posting policy. */
class ChannelEditApiTest extends PostsServiceTest {
    private static final Duration EVENT_WAIT = Duration.ofSeconds(20);

    @Test
    void aModeratorChangesTheDescriptionAndPolicyAndChannelUpdatedIsPublishedOncePerChange() {
        TestMember manager = moderator("編集 担当");
        TestMember member = member("編集 会員");
        String slug = newChannel(manager, "窓口業務", "窓口の話題", "OPEN");
        api(member).publish(slug, "DISCUSSION", "まだ書ける", "本文");
        // the count is kept from PostPublished, a moment after the post
        org.awaitility.Awaitility.await().atMost(EVENT_WAIT).until(() ->
                channel(api(member).get("/api/channels?limit=100"), slug).get("postCount").asLong() == 1);

        try (TopicProbe probe = new TopicProbe(kafka(), PostsEvents.TOPIC)) {
            Api.Response edited = api(manager).patch("/api/channels/" + slug,
                    Map.of("description", "  窓口業務の改善事例  ", "postingPolicy", "MODERATORS"));
            assertThat(edited.status()).as(edited.body()).isEqualTo(200);
            JsonNode view = edited.json();
            assertThat(view.get("id").asString()).isEqualTo(slug);
            assertThat(view.get("slug").asString()).isEqualTo(slug);
            assertThat(view.get("name").asString()).isEqualTo("窓口業務");
            assertThat(view.get("description").asString()).isEqualTo("窓口業務の改善事例");
            assertThat(view.get("postingPolicy").asString()).isEqualTo("MODERATORS");
            assertThat(view.get("postCount").asLong()).isEqualTo(1);
            assertThat(view.get("archived").asBoolean()).isFalse();
            // the answer is the channel as the list shows it
            assertThat(channel(api(member).get("/api/channels?limit=100"), slug)).isEqualTo(view);

            Api.Response refused = api(member).post("/api/posts", Map.of("channel", slug, "kind", "DISCUSSION",
                    "title", "もう書けない", "body", "本文"));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.body()).contains("このチャンネルに投稿できるのはモデレーターだけです");
            api(manager).publish(slug, "ANNOUNCEMENT", "モデレーターは書ける", "本文");
            // its count comes a moment later, from PostPublished: the answers below are compared with the list, which
            // must not change in between
            org.awaitility.Awaitility.await().atMost(EVENT_WAIT).until(() ->
                    channel(api(member).get("/api/channels?limit=100"), slug).get("postCount").asLong() == 2);

            Predicate<TopicProbe.Received> updated = r -> PostsEvents.CHANNEL_UPDATED.equals(r.type())
                    && slug.equals(r.key());
            JsonNode event = Api.JSON.readTree(probe.awaitRecords(updated, EVENT_WAIT).get(0).value());
            assertThat(event.get("channelId").asString()).isEqualTo(slug);
            assertThat(event.get("slug").asString()).isEqualTo(slug);
            assertThat(event.get("name").asString()).isEqualTo("窓口業務");
            assertThat(event.get("description").asString()).isEqualTo("窓口業務の改善事例");
            assertThat(event.get("postingPolicy").asString()).isEqualTo("MODERATORS");
            assertThat(strings(event.get("changedFields"))).containsExactly("description", "postingPolicy");
            assertThat(event.get("updatedBy").asString()).isEqualTo(manager.id());
            assertThat(event.get("updatedAt").asString()).endsWith("Z");

            // no change: 200 with the channel as it is, and no event
            Api.Response same = api(manager).patch("/api/channels/" + slug,
                    Map.of("name", "窓口業務", "description", "窓口業務の改善事例", "postingPolicy", "MODERATORS"));
            assertThat(same.status()).as(same.body()).isEqualTo(200);
            assertThat(same.json()).isEqualTo(channel(api(member).get("/api/channels?limit=100"), slug));
            assertThat(api(manager).patch("/api/channels/" + slug, Map.of()).json()).isEqualTo(same.json());
            assertThat(api(manager).send("PATCH", "/api/channels/" + slug, null).json()).isEqualTo(same.json());

            // one more change after them: its event comes after any they would have written (same key, same outbox)
            assertThat(api(manager).patch("/api/channels/" + slug, Map.of("name", "窓口業務の改善"))
                    .json().get("name").asString()).isEqualTo("窓口業務の改善");
            probe.awaitRecords(updated.and(r -> r.value().contains("窓口業務の改善\"")), EVENT_WAIT);
            List<TopicProbe.Received> events = probe.drain(Duration.ofMillis(500)).stream().filter(updated).toList();
            assertThat(events).hasSize(2);
            assertThat(strings(Api.JSON.readTree(events.get(1).value()).get("changedFields")))
                    .containsExactly("name");
        }
    }

    @Test
    void anInvalidEditIsRefusedWithItsFieldsAndChangesNothing() {
        TestMember manager = moderator("検証 担当");
        String slug = newChannel(manager, "防災", "防災の情報交換", "OPEN");
        JsonNode before = channel(api(manager).get("/api/channels?limit=100"), slug);

        try (TopicProbe probe = new TopicProbe(kafka(), PostsEvents.TOPIC)) {
            Map<String, Object> bad = new HashMap<>();
            bad.put("name", "   ");
            bad.put("description", "説".repeat(501));
            bad.put("postingPolicy", "MODERATORS");
            Api.Response refused = api(manager).patch("/api/channels/" + slug, bad);
            assertProblem(refused, 400);
            assertThat(fields(refused)).containsExactlyInAnyOrder("name", "description");
            assertThat(refused.body()).contains("名前を入力してください / name is required")
                    .contains("説明は 500 文字以内です / description: at most 500 characters");

            Api.Response tooLong = api(manager).patch("/api/channels/" + slug, Map.of("name", "名".repeat(51)));
            assertProblem(tooLong, 400);
            assertThat(fields(tooLong)).containsExactly("name");
            assertThat(tooLong.body()).contains("名前は 50 文字以内です / name: at most 50 characters");
            assertProblem(api(manager).patch("/api/channels/" + slug, Map.of("postingPolicy", "EVERYONE")), 400);
            assertThat(channel(api(manager).get("/api/channels?limit=100"), slug)).isEqualTo(before);

            // the limits are the creation's: exactly 50 and 500 characters are fine
            Api.Response atLimits = api(manager).patch("/api/channels/" + slug,
                    Map.of("name", "名".repeat(50), "description", "説".repeat(500)));
            assertThat(atLimits.status()).as(atLimits.body()).isEqualTo(200);
            Predicate<TopicProbe.Received> updated = r -> PostsEvents.CHANNEL_UPDATED.equals(r.type())
                    && slug.equals(r.key());
            probe.awaitRecords(updated, EVENT_WAIT);
            List<TopicProbe.Received> events = probe.drain(Duration.ofMillis(500)).stream().filter(updated).toList();
            assertThat(events).hasSize(1);
            JsonNode event = Api.JSON.readTree(events.get(0).value());
            assertThat(strings(event.get("changedFields"))).containsExactly("name", "description");
            assertThat(event.get("postingPolicy").asString()).isEqualTo("OPEN");
        }
    }

    @Test
    void onlyModeratorsAndAdminsEditExistingChannelsArchivedOnesToo() {
        TestMember manager = moderator("権限 担当");
        String slug = newChannel(manager, "子育て", "子育て支援", "OPEN");
        JsonNode before = channel(api(manager).get("/api/channels?limit=100"), slug);

        Api.Response byMember = api(member("一般 会員")).patch("/api/channels/" + slug, Map.of("name", "乗っ取り"));
        assertProblem(byMember, 403);
        assertThat(channel(api(manager).get("/api/channels?limit=100"), slug)).isEqualTo(before);
        assertThat(anonymous().patch("/api/channels/" + slug, Map.of("name", "匿名")).status()).isEqualTo(401);
        assertProblem(api(manager).patch("/api/channels/no-such-channel-" + suffix(), Map.of("name", "無い")), 404);

        assertThat(api(manager).post("/api/channels/" + slug + "/archive", null).status()).isEqualTo(200);
        Api.Response byAdmin = api(admin("管理者")).patch("/api/channels/" + slug,
                Map.of("name", "子育て（旧）", "slug", "renamed-" + suffix()));
        assertThat(byAdmin.status()).as(byAdmin.body()).isEqualTo(200);
        assertThat(byAdmin.json().get("name").asString()).isEqualTo("子育て（旧）");
        assertThat(byAdmin.json().get("slug").asString()).isEqualTo(slug);
        assertThat(byAdmin.json().get("archived").asBoolean()).isTrue();
        assertThat(channel(api(manager).get("/api/channels?limit=100"), slug).get("name").asString())
                .isEqualTo("子育て（旧）");
    }

    private String newChannel(TestMember manager, String name, String description, String policy) {
        // the broker outlives the test run's database: slugs of this run only
        String slug = "edit-" + suffix();
        Api.Response created = api(manager).post("/api/channels", Map.of("slug", slug, "name", name,
                "description", description, "postingPolicy", policy));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return slug;
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    private static JsonNode channel(Api.Response list, String slug) {
        return list.items().stream().filter(c -> slug.equals(c.get("slug").asString())).findFirst()
                .orElseThrow(() -> new AssertionError("no channel " + slug + " in " + list.body()));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    private static List<String> fields(Api.Response response) {
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }

    private static void assertProblem(Api.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }
}
