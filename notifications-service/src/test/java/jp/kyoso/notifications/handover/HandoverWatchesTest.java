package jp.kyoso.notifications.handover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.kyoso.notifications.support.NotificationsTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * GET /api/notifications/handovers/{id}/watches and POST .../take-over-watches: the leaver's current watches, and the
 * successor taking them over (idempotent, never over a watch the successor muted).
 */
class HandoverWatchesTest extends NotificationsTestBase {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void theSuccessorSeesTheLeaversWatchesAndTakesThemOverOnceWithoutUnmutingAnything() {
        TestMember gima = member("儀間 聡子");
        TestMember successor = member("仲里 美咲");
        TestMember sato = member("佐藤 泰格");
        String slug = "kodomo-" + UUID.randomUUID().toString().substring(0, 8);
        publish(POSTS, slug, "kyoso.posts.ChannelCreated.v1", Map.of("channelId", slug, "slug", slug,
                "name", "子ども支援", "description", "", "postingPolicy", "OPEN", "createdBy", sato.id(),
                "createdAt", Instant.now().toString()));
        String herQuestion = unique("p");
        publishPost(herQuestion, "general", "児童手当の現況届はどう案内していますか", gima);
        String satosThread = unique("p");
        publishPost(satosThread, "general", "保育所の入所申請のオンライン化", sato);
        String mutedBySuccessor = unique("p");
        publishPost(mutedBySuccessor, "general", "窓口の待ち時間", sato);
        String watchedByBoth = unique("p");
        publishPost(watchedByBoth, "general", "母子手帳アプリ", sato);
        String notHers = unique("p");
        publishPost(notHers, "general", "彼女が見守っていない投稿", sato);
        for (String postId : List.of(satosThread, mutedBySuccessor, watchedByBoth)) {
            level(gima, "/posts/" + postId, "WATCHING");
        }
        level(gima, "/channels/" + slug, "WATCHING");
        level(successor, "/posts/" + mutedBySuccessor, "MUTED");
        level(successor, "/posts/" + watchedByBoth, "WATCHING");
        // her own question: watched automatically once its event has arrived
        await().atMost(WAIT).until(() -> watching(gima, "post:" + herQuestion));

        String handoverId = named(gima, successor);
        await().atMost(WAIT).until(() -> get(successor, watches(handoverId)).getStatusCode().value() == 200);
        JsonNode list = json(get(successor, watches(handoverId)));
        assertThat(list.get("handoverId").asString()).isEqualTo(handoverId);
        JsonNode items = list.get("items");
        assertThat(items).hasSize(5);
        assertThat(items.get(0).get("target").get("type").asString()).isEqualTo("channel");
        assertThat(items.get(0).get("target").get("id").asString()).isEqualTo(slug);
        assertThat(items.get(0).get("title").asString()).isEqualTo("子ども支援");
        assertThat(watch(items, herQuestion).get("title").asString()).isEqualTo("児童手当の現況届はどう案内していますか");
        assertThat(watch(items, herQuestion).get("alreadyWatchedBySuccessor").asBoolean()).isFalse();
        assertThat(watch(items, watchedByBoth).get("alreadyWatchedBySuccessor").asBoolean()).isTrue();
        assertThat(watch(items, mutedBySuccessor).get("mutedBySuccessor").asBoolean()).isTrue();
        assertThat(watch(items, mutedBySuccessor).get("alreadyWatchedBySuccessor").asBoolean()).isFalse();
        assertThat(items.toString()).doesNotContain(notHers);
        // the leaver sees the same list
        assertThat(json(get(gima, watches(handoverId))).get("items")).isEqualTo(items);

        // a part first: one thread
        JsonNode part = json(send("POST", successor, takeOver(handoverId), Map.of("targets",
                List.of(Map.of("type", "post", "id", satosThread), Map.of("type", "post", "id", notHers)))));
        assertThat(part.get("copied").asInt()).isEqualTo(1);
        assertThat(part.get("skipped").asInt()).isEqualTo(1);
        assertThat(watching(successor, "post:" + notHers)).isFalse();

        // then everything (no body): the rest is copied, the muted one stays muted
        ResponseEntity<String> all = send("POST", successor, takeOver(handoverId), null);
        assertThat(all.getStatusCode().value()).isEqualTo(200);
        assertThat(json(all).get("copied").asInt()).isEqualTo(2);
        assertThat(json(all).get("alreadyWatching").asInt()).isEqualTo(2);
        assertThat(json(all).get("keptMuted").asInt()).isEqualTo(1);
        assertThat(watching(successor, "post:" + herQuestion)).isTrue();
        assertThat(watching(successor, "channel:" + slug)).isTrue();
        assertThat(watching(successor, "post:" + mutedBySuccessor)).isFalse();
        assertThat(muted(successor, "post:" + mutedBySuccessor)).isTrue();
        // she keeps her own watches: taking over copies, it does not move
        assertThat(watching(gima, "post:" + herQuestion)).isTrue();

        // again: the same state, nothing copied
        JsonNode again = json(send("POST", successor, takeOver(handoverId), Map.of()));
        assertThat(again.get("copied").asInt()).isZero();
        assertThat(again.get("alreadyWatching").asInt()).isEqualTo(4);
        assertThat(again.get("keptMuted").asInt()).isEqualTo(1);
        assertThat(json(get(successor, watches(handoverId))).get("items").valueStream()
                .filter(item -> item.get("alreadyWatchedBySuccessor").asBoolean()).count()).isEqualTo(4);

        // what taking over is for: a reply in her thread now reaches the successor
        publishReply(herQuestion, "児童手当の現況届はどう案内していますか", gima, sato);
        await().atMost(WAIT).until(() -> inboxAbout(successor, herQuestion).stream()
                .anyMatch(n -> "REPLY".equals(n.get("type").asString())));
    }

    @Test
    void onlyTheSuccessorTakesOverOnlyTheTwoSidesSeeTheListAndBadTargetsChangeNothing() {
        TestMember gima = member("儀間 聡子");
        TestMember successor = member("仲里 美咲");
        TestMember third = member("第三者");
        String handoverId = named(gima, successor);
        await().atMost(WAIT).until(() -> get(successor, watches(handoverId)).getStatusCode().value() == 200);

        assertThat(get(gima, watches(handoverId)).getStatusCode().value()).isEqualTo(200);
        assertThat(get(third, watches(handoverId)).getStatusCode().value()).isEqualTo(403);
        ResponseEntity<String> byLeaver = send("POST", gima, takeOver(handoverId), null);
        assertThat(byLeaver.getStatusCode().value()).isEqualTo(403);
        assertThat(byLeaver.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(send("POST", third, takeOver(handoverId), null).getStatusCode().value()).isEqualTo(403);
        assertThat(send("POST", member("運営", "MEMBER", "MODERATOR"), takeOver(handoverId), null)
                .getStatusCode().value()).isEqualTo(403);

        String unknown = "h-" + UUID.randomUUID();
        ResponseEntity<String> notYet = get(successor, watches(unknown));
        assertThat(notYet.getStatusCode().value()).isEqualTo(404);
        assertThat(json(notYet).get("detail").asString()).contains("まだ届いていません");
        assertThat(send("POST", successor, takeOver(unknown), null).getStatusCode().value()).isEqualTo(404);

        ResponseEntity<String> badType = send("POST", successor, takeOver(handoverId),
                Map.of("targets", List.of(Map.of("type", "member", "id", gima.id()))));
        assertThat(badType.getStatusCode().value()).isEqualTo(400);
        assertThat(badType.getBody()).contains("targets[0].type")
                .contains("post か channel です / Must be post or channel");
        assertThat(send("POST", successor, takeOver(handoverId), "{\"targets\": [{\"type\": \"post\"}]}")
                .getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void aMemberWhoLeavesTakesTheirHandoversWithThemAndALateHandoverOfAFormerMemberIsIgnored() {
        TestMember gima = member("儀間 聡子");
        TestMember successor = member("仲里 美咲");
        TestMember other = member("別の後任");
        String first = named(gima, successor);
        String second = named(gima, other);
        await().atMost(WAIT).until(() -> get(successor, watches(first)).getStatusCode().value() == 200
                && get(other, watches(second)).getStatusCode().value() == 200);

        deactivate(successor);
        await().atMost(WAIT).until(() -> get(gima, watches(first)).getStatusCode().value() == 404);
        assertThat(get(other, watches(second)).getStatusCode().value()).isEqualTo(200);
        deactivate(gima);
        await().atMost(WAIT).until(() -> get(other, watches(second)).getStatusCode().value() == 404);

        // HandoverNamed is keyed by the handover: it may come after the deactivation (another partition)
        String late = "h-" + UUID.randomUUID();
        String eventId = publish(MEMBERS, late, "kyoso.members.HandoverNamed.v1", handover(late, gima, other));
        await().atMost(WAIT).until(() -> processed("notifications-service.members", eventId));
        assertThat(get(other, watches(late)).getStatusCode().value()).isEqualTo(404);
        assertThat(inbox(other).stream().filter(n -> "HANDOVER_RECEIVED".equals(n.get("type").asString())))
                .hasSize(1);
    }

    private void deactivate(TestMember member) {
        publish(MEMBERS, member.id(), "kyoso.members.MemberDeactivated.v1", Map.of("memberId", member.id(),
                "deactivatedAt", Instant.now().toString()));
    }

    private String named(TestMember predecessor, TestMember successor) {
        String handoverId = "h-" + UUID.randomUUID();
        publish(MEMBERS, handoverId, "kyoso.members.HandoverNamed.v1", handover(handoverId, predecessor, successor));
        return handoverId;
    }

    static Map<String, Object> handover(String handoverId, TestMember predecessor, TestMember successor) {
        Map<String, Object> position = new LinkedHashMap<>();
        position.put("organization", "久米島町");
        position.put("organizationCode", "473618");
        position.put("department", "福祉課こども班");
        position.put("from", "2022-04-01");
        position.put("to", null);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("handoverId", handoverId);
        data.put("predecessorId", predecessor.id());
        data.put("predecessorName", predecessor.displayName());
        data.put("successorId", successor.id());
        data.put("successorName", successor.displayName());
        data.put("position", position);
        data.put("note", "児童手当の現況届の質問はまだ回答待ちです。");
        data.put("namedAt", Instant.now().toString());
        data.put("boundAt", Instant.now().toString());
        return data;
    }

    /** Sets a watch level once the channel or post is known here (its event may still be on the way). */
    private void level(TestMember member, String target, String level) {
        await().atMost(WAIT).until(() -> send("PUT", member, "/api/notifications/subscriptions" + target,
                Map.of("level", level)).getStatusCode().value() == 200);
    }

    /** One document per member and target (see SubscriptionStore). */
    private boolean watching(TestMember member, String key) {
        return storedLevel(member, key, "WATCHING");
    }

    private boolean muted(TestMember member, String key) {
        return storedLevel(member, key, "MUTED");
    }

    private boolean storedLevel(TestMember member, String key, String level) {
        return mongo.exists(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("target").is(key).and("memberId")
                        .is(member.id()).and("level").is(level)), "subscriptions");
    }

    private static JsonNode watch(JsonNode items, String postId) {
        return items.valueStream().filter(item -> postId.equals(item.get("target").get("id").asString()))
                .findFirst().orElseThrow(() -> new AssertionError("no watch of " + postId + " in " + items));
    }

    private static String watches(String handoverId) {
        return "/api/notifications/handovers/" + handoverId + "/watches";
    }

    private static String takeOver(String handoverId) {
        return "/api/notifications/handovers/" + handoverId + "/take-over-watches";
    }
}
