package jp.kyoso.notifications.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import jp.kyoso.notifications.delivery.Channel;
import jp.kyoso.notifications.delivery.DeliveryStore;
import jp.kyoso.notifications.support.FakeSlack;
import jp.kyoso.notifications.support.NotificationsTestBase;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

/** The notifications endpoints of API.md through the service's own port. */
class InboxApiTest extends NotificationsTestBase {

    @Test
    void theInboxPagesNewestFirstCountsUnreadAndMarksReadOneOrAll() {
        TestMember author = member("受信 箱子");
        TestMember replier = member("返信 多郎");
        String postId = unique("p");
        publishPost(postId, "general", "ページングの確認", author);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(publishReply(postId, "ページングの確認", author, replier));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxAbout(author, postId).size() == 5);
        // five replies and the welcome
        assertThat(json(get(author, "/api/notifications/unread-count")).get("count").asLong()).isEqualTo(6);

        JsonNode first = json(get(author, "/api/notifications?limit=2"));
        assertThat(first.get("items")).hasSize(2);
        String cursor = first.get("nextCursor").asString();
        JsonNode second = json(get(author, "/api/notifications?limit=2&cursor=" + cursor));
        JsonNode rest = json(get(author, "/api/notifications?limit=2&cursor=" + second.get("nextCursor").asString()));
        List<String> ids = new ArrayList<>();
        for (JsonNode page : List.of(first, second, rest)) {
            page.get("items").forEach(item -> ids.add(item.get("id").asString()));
        }
        assertThat(ids).doesNotHaveDuplicates().hasSize(6);
        assertThat(rest.get("nextCursor").isNull()).isTrue();
        List<String> times = new ArrayList<>();
        for (JsonNode page : List.of(first, second, rest)) {
            page.get("items").forEach(item -> times.add(item.get("createdAt").asString()));
        }
        assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        // the oldest is the welcome, which has no post
        assertThat(rest.get("items").get(rest.get("items").size() - 1).get("type").asString()).isEqualTo("WELCOME");

        String one = ids.get(0);
        assertThat(send("POST", author, "/api/notifications/" + one + "/read", null).getStatusCode().value())
                .isEqualTo(204);
        assertThat(json(get(author, "/api/notifications/unread-count")).get("count").asLong()).isEqualTo(5);
        JsonNode unread = json(get(author, "/api/notifications?unreadOnly=true&limit=100"));
        assertThat(unread.get("items")).hasSize(5);
        unread.get("items").forEach(item -> assertThat(item.get("id").asString()).isNotEqualTo(one));

        // someone else's notice, or one that does not exist: 404, nothing changes
        assertThat(send("POST", replier, "/api/notifications/" + ids.get(1) + "/read", null).getStatusCode().value())
                .isEqualTo(404);
        assertThat(send("POST", author, "/api/notifications/nope/read", null).getStatusCode().value()).isEqualTo(404);
        assertThat(json(get(author, "/api/notifications/unread-count")).get("count").asLong()).isEqualTo(5);

        assertThat(send("POST", author, "/api/notifications/read-all", null).getStatusCode().value()).isEqualTo(204);
        assertThat(json(get(author, "/api/notifications/unread-count")).get("count").asLong()).isZero();
        assertThat(json(get(author, "/api/notifications?unreadOnly=true")).get("items")).isEmpty();
    }

    @Test
    void badPagingParametersAreA400ProblemAndAnonymousCallersA401() {
        TestMember member = member("不正 入力");
        for (String query : List.of("limit=0", "limit=101", "limit=abc", "cursor=%%%", "cursor=bm90LWEtY3Vyc29y")) {
            var response = get(member, "/api/notifications?" + query);
            assertThat(response.getStatusCode().value()).as(query).isEqualTo(400);
            assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        }
        assertThat(http().get().uri("/api/notifications/unread-count").retrieve().toEntity(String.class)
                .getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void preferencesHaveDefaultsAreReplacedByPutAndRefuseInvalidValuesWithoutChangingAnything() {
        TestMember member = member("設定 確認");
        JsonNode defaults = json(get(member, "/api/notifications/preferences"));
        assertThat(defaults.get("email").asString()).isEqualTo("INSTANT");
        assertThat(defaults.get("slackWebhookUrl").isNull()).isTrue();
        assertThat(defaults.get("types").get("ANNOUNCEMENT").asBoolean()).isTrue();

        String hook = FakeSlack.get().url("member-" + member.id());
        var saved = send("PUT", member, "/api/notifications/preferences", Map.of("email", "DAILY_DIGEST",
                "slackWebhookUrl", hook, "types", Map.of("REACTION", false)));
        assertThat(saved.getStatusCode().value()).isEqualTo(200);
        JsonNode stored = json(get(member, "/api/notifications/preferences"));
        assertThat(stored.get("email").asString()).isEqualTo("DAILY_DIGEST");
        // a credential: shown masked only (host and the last 4 characters)
        assertThat(stored.get("slackWebhookUrl").asString())
                .isEqualTo(jp.kyoso.notifications.slack.WebhookUrls.mask(hook)).doesNotContain("member-");
        assertThat(stored.get("types").get("REACTION").asBoolean()).isFalse();
        assertThat(stored.get("types").get("REPLY").asBoolean()).isTrue();

        List<Object> invalid = List.of(Map.of("email", "WEEKLY"), Map.of("types", Map.of("WELCOME", false)),
                Map.of("slackWebhookUrl", "not a url"), Map.of("slackWebhookUrl", "http://10.0.0.1/hooks/x"),
                "{not json");
        for (Object body : invalid) {
            var response = send("PUT", member, "/api/notifications/preferences", body);
            assertThat(response.getStatusCode().is4xxClientError()).as(body.toString()).isTrue();
            assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        }
        var wrongEmail = send("PUT", member, "/api/notifications/preferences", Map.of("email", "WEEKLY"));
        assertThat(json(wrongEmail).get("errors").get(0).get("field").asString()).isEqualTo("email");
        // a validation message written "{key}": Spring resolves it from the message file
        assertThat(json(wrongEmail).get("errors").get(0).get("message").asString())
                .isEqualTo("INSTANT, DAILY_DIGEST, OFF のいずれかです / Must be INSTANT, DAILY_DIGEST or OFF");
        assertThat(json(get(member, "/api/notifications/preferences"))).isEqualTo(stored);
    }

    @Test
    void subscriptionLevelsAreValidated() {
        TestMember member = member("購読 確認");
        String postId = unique("p");
        publishPost(postId, "general", "購読の確認", member);
        assertThat(send("PUT", member, "/api/notifications/subscriptions/channels/general", Map.of("level", "LOUD"))
                .getStatusCode().value()).isEqualTo(400);
        assertThat(send("PUT", member, "/api/notifications/subscriptions/posts/" + postId, Map.of())
                .getStatusCode().value()).isEqualTo(400);
        JsonNode ok = json(send("PUT", member, "/api/notifications/subscriptions/posts/" + postId,
                Map.of("level", "MUTED")));
        assertThat(ok.get("level").asString()).isEqualTo("MUTED");
    }

    @Test
    void channelMirrorsAndTheDeliveryLogAreForModeratorsOnly() {
        TestMember member = member("一般 会員");
        TestMember moderator = member("モデ レーター", "MODERATOR");
        String hook = FakeSlack.get().url("mirror-admin-test");
        assertThat(send("PUT", member, "/api/notifications/channel-mirrors/general",
                Map.of("slackWebhookUrl", hook)).getStatusCode().value()).isEqualTo(403);
        assertThat(get(member, "/api/notifications/deliveries").getStatusCode().value()).isEqualTo(403);

        var put = send("PUT", moderator, "/api/notifications/channel-mirrors/" + unique("ch"),
                Map.of("slackWebhookUrl", hook));
        assertThat(put.getStatusCode().value()).isEqualTo(200);
        assertThat(put.getBody()).doesNotContain("mirror-admin-test");
        assertThat(send("PUT", moderator, "/api/notifications/channel-mirrors/general",
                Map.of("slackWebhookUrl", "https://evil.example/x")).getStatusCode().value()).isEqualTo(422);
        assertThat(send("DELETE", moderator, "/api/notifications/channel-mirrors/general", null)
                .getStatusCode().value()).isEqualTo(204);

        var log = get(moderator, "/api/notifications/deliveries?limit=5");
        assertThat(log.getStatusCode().value()).isEqualTo(200);
        assertThat(json(log).has("items")).isTrue();
        assertThat(get(moderator, "/api/notifications/deliveries?status=LOST").getStatusCode().value())
                .isEqualTo(400);
        assertThat(get(moderator, "/api/notifications/deliveries?status=PENDING").getStatusCode().value())
                .isEqualTo(400);
    }

    @Test
    void theDeliveryLogShowsADeliveryNotTriedYetAsRetryingWithNoAttempts() {
        TestMember moderator = member("ログ 確認", "MODERATOR");
        // queued for later and not tried yet (as an INSTANT mail waiting for the end of its window)
        String id = unique("email:waiting");
        Document waiting = DeliveryStore.newDelivery(id, Channel.EMAIL, "INSTANT", unique("m"));
        mongo.insert(waiting, "deliveries");
        mongo.insert(new Document("_id", id).append("channel", "EMAIL")
                .append("dueAt", Date.from(Instant.now().plus(Duration.ofDays(1)))), "delivery_queue");
        afterTest(() -> {
            mongo.remove(Query.query(Criteria.where("_id").is(id)), "delivery_queue");
            mongo.remove(Query.query(Criteria.where("_id").is(id)), "deliveries");
        });
        JsonNode retrying = json(get(moderator, "/api/notifications/deliveries?status=RETRYING&limit=100"));
        List<JsonNode> items = new ArrayList<>();
        retrying.get("items").forEach(items::add);
        JsonNode shown = items.stream().filter(item -> id.equals(item.get("id").asString())).findFirst().orElseThrow();
        assertThat(shown.get("status").asString()).isEqualTo("RETRYING");
        assertThat(shown.get("attempts").asInt()).isZero();
        assertThat(items).allMatch(item -> List.of("RETRYING").contains(item.get("status").asString()));
        assertThat(get(moderator, "/api/notifications/deliveries?limit=100").getBody()).doesNotContain("PENDING");
    }
}
