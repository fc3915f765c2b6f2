package jp.kyoso.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The story of the Naha study session (../shared/seed), told through the gateway on the real platform: a Kumejima
 * official joins and introduces herself, an official from Miyakonojo answers her, she finds the answer again, the
 * community manager announces the next session and looks for members who have never posted, and she leaves.
 */
@ExtendWith(RunningPlatform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedStoryIT {
    static Member manager;
    static Member gima;
    static Member sato;
    static Member nakazawa;
    static String introductionId;
    static String replyId;
    static LiveStream gimaStream;

    @Test
    @Order(1)
    void theCommunityManagerJoinsAndWatchesTheIntroductions() {
        manager = Member.join(RunningPlatform.MANAGER_EMAIL, "tomioka", "冨岡 佳子", "デジタル庁", null);
        Http.Response me = manager.get("/api/members/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("roles").toString()).contains("ADMIN");
        // roles are read when the token is issued: log in again now that the bootstrap made her an admin
        manager.login();
        Http.Response watch = manager.put("/api/notifications/subscriptions/channels/introductions",
                Map.of("level", "WATCHING"));
        assertThat(watch.status()).as(watch.body()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void aKumejimaOfficialRegistersWithHerLgJpAddressAndVerifiesFromTheMail() {
        gima = Member.join("gima@town.kumejima.lg.jp", "gima_satoko", "儀間 聡子", "久米島町", "473626");
        Http.Response me = gima.get("/api/members/me");
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().get("email").asString()).isEqualTo("gima@town.kumejima.lg.jp");
        sato = Member.join("sato@city.miyakonojo.lg.jp", "sato_yasunori", "佐藤 泰格", "都城市", "452025");
        nakazawa = Member.join("nakazawa@digital.go.jp", "nakazawa", "中沢 駿太", "デジタル庁", null);
    }

    @Test
    @Order(3)
    void herSelfIntroductionReachesTheCommunityManager() {
        Http.Response posted = gima.post("/api/posts", Map.of("channel", "introductions", "kind", "INTRODUCTION",
                "title", "久米島町の儀間です", "body",
                "久米島町 福祉課こども班の儀間です。窓口業務のデジタル化を進めたいと考えています。よろしくお願いします。",
                "tags", List.of("自己紹介", "窓口")));
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        assertThat(posted.header("Location")).isNotBlank();
        introductionId = posted.json().get("id").asString();

        await("the manager's notice").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> ofType(manager.notifications(), "WATCHED_CHANNEL_POST").stream()
                        .anyMatch(n -> introductionId.equals(n.path("postId").asString())));
    }

    @Test
    @Order(4)
    void aReplyWithAMentionGivesHerExactlyOneNoticeInTheInboxOnTheStreamAndByMail() {
        gimaStream = new LiveStream(Member.gateway() + "/api/notifications/stream", gima.accessToken);
        await("her live stream").atMost(Duration.ofSeconds(10)).until(gimaStream::connected);

        Http.Response reply = sato.post("/api/posts/" + introductionId + "/replies", Map.of("body",
                "@gima_satoko 都城市の佐藤です。窓口を横断的に眺めることが大切です。住民目線で見直しましょう。"));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        replyId = reply.json().get("id").asString();

        await("her notice").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> aboutReply(gima.notifications()).size() == 1);
        await("the notice on her live stream").atMost(Duration.ofSeconds(30))
                .until(() -> gimaStream.data.stream().anyMatch(line -> line.contains(replyId)));
        String mails = RunningPlatform.platform().mailApiUrl() + "/api/messages?to="
                + URLEncoder.encode(gima.email, StandardCharsets.UTF_8);
        await("her mail").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> mailsMentioning(mails, "佐藤") >= 1);

        // Redeliveries, retries and the second notifications-service instance must not add a second notice.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> aboutReply(gima.notifications()).size() == 1);
        assertThat(gimaStream.data.stream().filter(line -> line.contains(replyId)).count()).isEqualTo(1);
        assertThat(mailsMentioning(mails, "佐藤")).isEqualTo(1);
        gimaStream.close();
    }

    @Test
    @Order(5)
    void sheFindsTheReplyBySearchingInJapanese() {
        await("the search index").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            Http.Response search = gima.get("/api/search?q=" + URLEncoder.encode("窓口", StandardCharsets.UTF_8));
            return search.status() == 200 && hits(search.json()).stream()
                    .anyMatch(hit -> replyId.equals(hit.path("replyId").asString()));
        });
    }

    @Test
    @Order(6)
    void anAnnouncementOfTheNahaStudySessionReachesEveryMember() {
        Http.Response announced = manager.post("/api/posts", Map.of("channel", "announcements", "kind",
                "ANNOUNCEMENT", "title", "那覇で勉強会を開催します", "body",
                "沖縄・九州の自治体職員のみなさん、那覇市で共創プラットフォームの勉強会を開催します。", "tags", List.of("勉強会")));
        assertThat(announced.status()).as(announced.body()).isEqualTo(201);
        String announcementId = announced.json().get("id").asString();
        Http.Response byMember = gima.post("/api/posts", Map.of("channel", "announcements", "kind", "ANNOUNCEMENT",
                "title", "x", "body", "x", "tags", List.of()));
        assertThat(byMember.status()).isEqualTo(403);

        for (Member member : List.of(gima, sato, nakazawa)) {
            await("the announcement for " + member.handle).atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> ofType(member.notifications(), "ANNOUNCEMENT").stream()
                            .anyMatch(n -> announcementId.equals(n.path("postId").asString())));
        }
        assertThat(ofType(manager.notifications(), "ANNOUNCEMENT")).noneMatch(
                n -> announcementId.equals(n.path("postId").asString()));
    }

    @Test
    @Order(7)
    void theManagerListsWhoHasNeverPosted() {
        await("the never-posted list").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    List<String> handles = handles(manager.get("/api/members?neverPosted=true&limit=100"));
                    return handles.contains("nakazawa") && !handles.contains("gima_satoko")
                            && !handles.contains("sato_yasunori");
                });
        assertThat(gima.get("/api/members?neverPosted=true").status()).isEqualTo(403);
    }

    @Test
    @Order(8)
    void sheLeavesAndHerNameDisappearsWhileHerPostStays() {
        assertThat(gima.delete("/api/members/me").status()).isEqualTo(204);
        await("her post shown as a former member's").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300)).until(() -> {
                    Http.Response post = sato.get("/api/posts/" + introductionId);
                    // the post stays as she wrote it; only the author shown changes
                    return post.status() == 200
                            && "退会したメンバー".equals(post.json().path("author").path("displayName").asString())
                            && post.json().path("author").path("organization").isNull()
                            && post.json().path("title").asString().equals("久米島町の儀間です");
                });
        Http.Response profile = sato.get("/api/members/" + gima.id);
        assertThat(profile.body()).doesNotContain("儀間").doesNotContain("gima@town.kumejima.lg.jp");
        Http.Response login = Http.send("POST", Member.gateway() + "/api/auth/login", null,
                Map.of("email", gima.email, "password", Member.PASSWORD));
        assertThat(login.status()).isEqualTo(401);
    }

    static List<JsonNode> ofType(JsonNode notifications, String type) {
        List<JsonNode> matching = new ArrayList<>();
        notifications.forEach(n -> {
            if (type.equals(n.path("type").asString())) {
                matching.add(n);
            }
        });
        return matching;
    }

    static List<JsonNode> aboutReply(JsonNode notifications) {
        List<JsonNode> matching = new ArrayList<>();
        notifications.forEach(n -> {
            if (replyId.equals(n.path("replyId").asString())) {
                matching.add(n);
            }
        });
        return matching;
    }

    static List<JsonNode> hits(JsonNode page) {
        List<JsonNode> items = new ArrayList<>();
        page.get("items").forEach(items::add);
        return items;
    }

    static List<String> handles(Http.Response page) {
        List<String> handles = new ArrayList<>();
        if (page.status() == 200) {
            page.json().get("items").forEach(item -> handles.add(item.path("handle").asString()));
        }
        return handles;
    }

    static long mailsMentioning(String url, String text) {
        List<JsonNode> mails = new ArrayList<>();
        Http.get(url, null).json().forEach(mails::add);
        return mails.stream().filter(mail -> mail.path("text").asString().contains(text)
                && !mail.path("text").asString().contains("token=")).count();
    }
}
