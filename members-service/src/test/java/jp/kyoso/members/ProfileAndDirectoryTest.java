package jp.kyoso.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.kyoso.platform.consumer.InboundEvent;
import jp.kyoso.platform.consumer.ProcessedEvents;
import jp.kyoso.testsupport.EmbeddedInfrastructure;
import jp.kyoso.testsupport.TopicProbe;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

class ProfileAndDirectoryTest extends MembersServiceTest {
    /** The name members-service's posts consumer marks events with (stored data: it must not change). */
    private static final String POST_ACTIVITY_CONSUMER = "members-service.post-activity";

    @Autowired
    ProcessedEvents processedEvents;

    @Test
    void aMemberEditsTheirProfileAndTheChangeIsPublished() {
        ActiveMember member = newMember();
        Map<String, Object> changes = new HashMap<>();
        changes.put("displayName", "  比嘉 花子 ");
        changes.put("organizationCode", "472018");
        changes.put("department", "デジタル推進課");
        changes.put("bio", "窓口業務のデジタル化を担当しています。");
        changes.put("interests", List.of("DX", "窓口", "dx", " 防災 "));
        Http.Response updated = http.patch("/api/members/me", changes, member.accessToken());
        assertThat(updated.status()).as(updated.raw()).isEqualTo(200);
        assertThat(updated.text("displayName")).isEqualTo("比嘉 花子");
        assertThat(updated.text("prefecture")).isEqualTo("沖縄県");
        assertThat(updated.json().get("interests").toString()).isEqualTo("[\"DX\",\"窓口\",\"防災\"]");
        assertThat(updated.text("email")).isEqualTo(member.email());
        assertThat(updated.text("organization")).isEqualTo("那覇市役所");

        JsonNode event = Http.JSON.readTree(memberEvents().awaitRecords(r -> member.id().equals(r.key())
                && "kyoso.members.MemberProfileUpdated.v1".equals(r.type()), Duration.ofSeconds(20)).get(0).value());
        assertThat(event.get("displayName").asString()).isEqualTo("比嘉 花子");
        assertThat(event.get("organizationCode").asString()).isEqualTo("472018");
        assertThat(event.get("email").asString()).isEqualTo(member.email());
        assertThat(event.get("interests").size()).isEqualTo(3);

        // an empty string clears an optional field
        Http.Response cleared = http.patch("/api/members/me", Map.of("department", ""), member.accessToken());
        assertThat(cleared.json().get("department").isNull()).isTrue();
        assertThat(cleared.text("bio")).isEqualTo("窓口業務のデジタル化を担当しています。");
    }

    @Test
    void invalidProfileChangesAreRefusedAndChangeNothing() {
        ActiveMember member = newMember();
        String before = http.get("/api/members/me", member.accessToken()).raw();
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            tooMany.add("tag" + i);
        }
        assertThat(http.patch("/api/members/me", Map.of("interests", tooMany), member.accessToken()).status())
                .isEqualTo(400);
        assertThat(http.patch("/api/members/me", Map.of("prefecture", "Okinawa"), member.accessToken()).status())
                .isEqualTo(422);
        assertThat(http.patch("/api/members/me", Map.of("organizationCode", "472019"), member.accessToken())
                .status()).isEqualTo(422);
        assertThat(http.patch("/api/members/me", Map.of("organizationCode", "472018", "prefecture", "北海道"),
                member.accessToken()).status()).isEqualTo(422);
        assertThat(http.patch("/api/members/me", Map.of("prefecture", "どこか遠くの知らない国の県名"), member.accessToken())
                .status()).isEqualTo(422);
        // malformed (400, as bean validation answers) is not the same as breaking a rule (422)
        for (String notSixDigits : List.of("12345", "1234567", "47201８", "abcdef")) {
            Http.Response refused = http.patch("/api/members/me", Map.of("organizationCode", notSixDigits),
                    member.accessToken());
            assertThat(refused.status()).as(notSixDigits).isEqualTo(400);
            assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("organizationCode");
        }
        // a required field cannot be emptied: the same 400 as a blank display name at registration
        for (String blank : List.of("", "   ", "\u3000")) {
            Http.Response refused = http.patch("/api/members/me", Map.of("displayName", blank), member.accessToken());
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("displayName");
        }
        assertThat(http.patch("/api/members/me", Map.of("organization", " "), member.accessToken()).status())
                .isEqualTo(400);
        assertThat(http.patch("/api/members/me", "{\"interests\": \"not a list\"}", member.accessToken()).status())
                .isEqualTo(400);
        assertThat(http.get("/api/members/me", member.accessToken()).raw()).isEqualTo(before);
    }

    @Test
    void aPublicProfileNeverShowsTheEmailAndPendingMembersAreInvisible() {
        ActiveMember member = newMember();
        ActiveMember viewer = newMember();
        Http.Response profile = http.get("/api/members/" + member.id(), viewer.accessToken());
        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.text("handle")).isEqualTo(member.handle());
        assertThat(profile.json().has("email")).isFalse();
        assertThat(profile.raw()).doesNotContain(member.email());

        String pending = register(unique("p") + "@city.naha.lg.jp", unique("pend_"));
        assertThat(http.get("/api/members/" + pending, viewer.accessToken()).status()).isEqualTo(404);
        assertThat(http.get("/api/members/no-such-id", viewer.accessToken()).status()).isEqualTo(404);
        assertThat(http.get("/api/members/" + member.id(), null).status()).isEqualTo(401);
    }

    @Test
    void theDirectoryFiltersActiveMembersAndPagesWithACursor() {
        String tag = unique("tag");
        String organization = unique("久米島町役場");
        List<ActiveMember> team = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ActiveMember member = newMember();
            Map<String, Object> profile = new HashMap<>();
            profile.put("organization", organization);
            profile.put("interests", List.of(tag, "防災"));
            profile.put("prefecture", "沖縄県");
            assertThat(http.patch("/api/members/me", profile, member.accessToken()).status()).isEqualTo(200);
            team.add(member);
        }
        String pendingHandle = unique("pend_");
        register(pendingHandle + "@city.naha.lg.jp", pendingHandle);
        String viewer = newMember().accessToken();

        // interest: the whole tag, any case
        assertThat(ids(http.get("/api/members?interest=" + tag.toUpperCase(), viewer)))
                .containsExactlyInAnyOrderElementsOf(team.stream().map(ActiveMember::id).toList());
        assertThat(ids(http.get("/api/members?interest=" + tag.substring(0, 5), viewer))).isEmpty();
        // organization: a part of the name
        assertThat(ids(http.get("/api/members?organization=" + organization.substring(3), viewer))).hasSize(3);
        // q: handle, display name or organization, case-insensitive
        assertThat(ids(http.get("/api/members?q=" + team.get(0).handle().toUpperCase(), viewer)))
                .containsExactly(team.get(0).id());
        assertThat(ids(http.get("/api/members?q=" + organization, viewer))).hasSize(3);
        assertThat(ids(http.get("/api/members?q=" + pendingHandle, viewer))).isEmpty();
        assertThat(ids(http.get("/api/members?prefecture=沖縄県&interest=" + tag, viewer))).hasSize(3);
        assertThat(ids(http.get("/api/members?prefecture=北海道&interest=" + tag, viewer))).isEmpty();
        // user input is matched literally, never as a regular expression
        assertThat(http.get("/api/members?q=(.*", viewer).status()).isEqualTo(200);
        assertThat(ids(http.get("/api/members?q=.*", viewer))).isEmpty();

        // paging: newest first, each member once
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Http.Response page = http.get("/api/members?limit=1&interest=" + tag
                    + (cursor == null ? "" : "&cursor=" + cursor), viewer);
            assertThat(page.status()).isEqualTo(200);
            seen.addAll(ids(page));
            cursor = page.text("nextCursor");
        } while (cursor != null);
        assertThat(seen).containsExactly(team.get(2).id(), team.get(1).id(), team.get(0).id());

        assertThat(http.get("/api/members?limit=0", viewer).status()).isEqualTo(400);
        assertThat(http.get("/api/members?limit=101", viewer).status()).isEqualTo(400);
        assertThat(http.get("/api/members?limit=abc", viewer).status()).isEqualTo(400);
        assertThat(http.get("/api/members?cursor=%%%", viewer).status()).isEqualTo(400);
        assertThat(http.get("/api/members?prefecture=Atlantis", viewer).status()).isEqualTo(400);
        Http.Response defaults = http.get("/api/members", viewer);
        assertThat(defaults.json().get("items").size()).isLessThanOrEqualTo(20);
        assertThat(defaults.raw()).doesNotContain("@city.naha.lg.jp");
    }

    @Test
    void neverPostedIsForModeratorsAndFollowsThePostsTopic() throws Exception {
        ActiveMember poster = newMember();
        ActiveMember replier = newMember();
        ActiveMember quiet = newMember();
        assertThat(http.get("/api/members?neverPosted=true", quiet.accessToken()).status()).isEqualTo(403);
        String moderator = admin().accessToken();
        assertThat(neverPosted(moderator)).contains(poster.id(), replier.id(), quiet.id());

        String postId = UUID.randomUUID().toString();
        publishPostEvent("kyoso.posts.PostPublished.v1", postId, "{\"postId\":\"" + postId
                + "\",\"channelSlug\":\"introductions\",\"kind\":\"INTRODUCTION\",\"title\":\"はじめまして\","
                + "\"excerpt\":\"よろしくお願いします\",\"tags\":[],\"authorId\":\"" + poster.id()
                + "\",\"mentionedMemberIds\":[],\"createdAt\":\"2026-11-26T01:00:00Z\"}", UUID.randomUUID().toString());
        // A reaction is not a post (this one even carries an authorId: only its type keeps it from counting).
        // Published before the replies with the same key (one partition, read in order), so it has been handled by
        // the time the replies have been.
        publishPostEvent("kyoso.posts.ReactionAdded.v1", postId, "{\"postId\":\"" + postId + "\",\"memberId\":\""
                + quiet.id() + "\",\"authorId\":\"" + quiet.id() + "\",\"emoji\":\"👍\"}",
                UUID.randomUUID().toString());
        String replyEventId = UUID.randomUUID().toString();
        String reply = "{\"postId\":\"" + postId + "\",\"replyId\":\"r1\",\"channelSlug\":\"introductions\","
                + "\"postTitle\":\"はじめまして\",\"postAuthorId\":\"" + poster.id() + "\",\"authorId\":\""
                + replier.id() + "\",\"excerpt\":\"ようこそ\",\"mentionedMemberIds\":[],"
                + "\"createdAt\":\"2026-11-26T10:00:00+09:00\",\"somethingNew\":true}";
        publishPostEvent("kyoso.posts.ReplyAdded.v1", postId, reply, replyEventId);
        publishPostEvent("kyoso.posts.ReplyAdded.v1", postId, reply, replyEventId);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(neverPosted(moderator))
                .doesNotContain(poster.id(), replier.id()));
        assertThat(neverPosted(moderator)).contains(quiet.id());
        assertThat(ids(http.get("/api/members?q=" + poster.handle(), quiet.accessToken()))).contains(poster.id());

        // The reply's id is remembered under the consumer's name, so every further copy of it is skipped.
        await().atMost(Duration.ofSeconds(10)).until(() -> mongo.exists(Query.query(Criteria.where("_id")
                .is(POST_ACTIVITY_CONSUMER + ":" + replyEventId)), "processed_events"));
        InboundEvent again = new InboundEvent(replyEventId, "kyoso.posts.ReplyAdded.v1", "/kyoso/posts-service",
                postId, "2026-11-26T01:00:00Z", Http.JSON.readTree(reply));
        assertThat(processedEvents.handleOnce(POST_ACTIVITY_CONSUMER, again, () -> {
            throw new AssertionError("a copy of an event already handled was handled again");
        })).isFalse();
    }

    @Test
    void aPostThatCannotMoveTheFirstPostEarlierWritesNothingWhileAnEarlierOneStillDoes() throws Exception {
        ActiveMember member = newMember();
        String key = UUID.randomUUID().toString();
        String first = UUID.randomUUID().toString();
        String later = UUID.randomUUID().toString();
        String earlier = UUID.randomUUID().toString();
        publishPostEvent("kyoso.posts.PostPublished.v1", key, postBy(member, "2026-11-26T10:00:00Z"), first);
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(first));
        // one key, one partition, read in order: when the earlier post has been handled, so has the later one
        publishPostEvent("kyoso.posts.PostPublished.v1", key, postBy(member, "2026-11-27T10:00:00Z"), later);
        publishPostEvent("kyoso.posts.PostPublished.v1", key, postBy(member, "2026-11-25T10:00:00Z"), earlier);
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(earlier));
        assertThat(processed(later)).as("an event that changes nothing is not even marked").isFalse();
        Document stored = mongo.findById(member.id(), Document.class, "members");
        assertThat(stored.getDate("firstPostedAt").toInstant()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
        assertThat(stored.get("funnel", Document.class).getDate("firstPostAt").toInstant())
                .isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
    }

    private static String postBy(ActiveMember author, String createdAt) {
        return "{\"postId\":\"" + UUID.randomUUID() + "\",\"channelSlug\":\"general\",\"kind\":\"QUESTION\","
                + "\"title\":\"質問\",\"excerpt\":\"\",\"tags\":[],\"authorId\":\"" + author.id()
                + "\",\"mentionedMemberIds\":[],\"createdAt\":\"" + createdAt + "\"}";
    }

    private boolean processed(String eventId) {
        return mongo.exists(Query.query(Criteria.where("_id").is(POST_ACTIVITY_CONSUMER + ":" + eventId)),
                "processed_events");
    }

    @Test
    void aRecordThatCanNeverBeProcessedGoesToTheDeadLetterTopicAndTheNextOneIsStillHandled() throws Exception {
        ActiveMember author = newMember();
        try (TopicProbe deadLetters = new TopicProbe(EmbeddedInfrastructure.kafkaBootstrapServers(),
                "kyoso.posts.v1.members-service.dlt")) {
            // One key for all three: one partition, read in order, so the good record is reached only if the
            // consumer carries on past the two that can never be processed.
            String key = UUID.randomUUID().toString();
            String poison = "this is not JSON " + key;
            String noAuthor = "{\"postId\":\"" + key + "\"}";
            publishPostEvent("kyoso.posts.PostPublished.v1", key, poison, UUID.randomUUID().toString());
            publishPostEvent("kyoso.posts.PostPublished.v1", key, noAuthor, UUID.randomUUID().toString());
            publishPostEvent("kyoso.posts.PostPublished.v1", key, "{\"postId\":\"" + key + "\",\"authorId\":\""
                    + author.id() + "\"}", UUID.randomUUID().toString());
            assertThat(deadLetters.awaitRecords(r -> poison.equals(r.value()), Duration.ofSeconds(30))).hasSize(1);
            assertThat(deadLetters.awaitRecords(r -> noAuthor.equals(r.value()), Duration.ofSeconds(30))).hasSize(1);
            String moderator = admin().accessToken();
            await().atMost(Duration.ofSeconds(30)).until(() -> !neverPosted(moderator).contains(author.id()));
        }
    }

    private List<String> neverPosted(String token) {
        List<String> all = new ArrayList<>();
        String cursor = null;
        do {
            Http.Response page = http.get("/api/members?neverPosted=true&limit=100"
                    + (cursor == null ? "" : "&cursor=" + cursor), token);
            assertThat(page.status()).as(page.raw()).isEqualTo(200);
            all.addAll(ids(page));
            cursor = page.text("nextCursor");
        } while (cursor != null);
        return all;
    }

    private static List<String> ids(Http.Response page) {
        assertThat(page.status()).as(page.raw()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        for (JsonNode item : page.json().get("items")) {
            ids.add(item.get("id").asString());
        }
        return ids;
    }
}
