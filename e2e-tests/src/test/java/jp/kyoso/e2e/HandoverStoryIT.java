package jp.kyoso.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Knowledge that outlives staff rotation, told through the gateway on the real platform. 儀間さん leads the children's
 * section of 久米島町's welfare division (福祉課 子ども支援係). She asks a question that nobody has answered yet, answers
 * a colleague and watches another thread. Before the April rotation takes her to the prefectural office (沖縄県) she
 * names her successor, who works at the town but is not on Kyoso (an address outside lg.jp): the successor gets the
 * invitation mail, registers with its code and verifies; then she finds the handover in members-service, the threads
 * in posts-service (the open question first), takes over the watches in notifications-service and answers the
 * question left open, and 儀間さん, who still watches her own question, hears of it.
 *
 * <p>The move itself is not recorded here: a move must take effect after the current position began, which for a
 * member registered in this fresh platform is today, and it cannot be in the future, so no effective date (neither
 * April 1 nor today) is accepted on the day she joins. The handover is named while the job is still hers, as leavers do
 * in March: its position has no end yet, and her threads run up to now (members-service's KumejimaHandoverStoryTest
 * and posts-service's HandoverThreadsApiTest cover the recorded move and the job's end).
 */
@ExtendWith(RunningPlatform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HandoverStoryIT {
    private static final Pattern INVITATION = Pattern.compile("/register\\?invitation=([A-Za-z0-9-]+)");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SUCCESSOR_EMAIL = "nakazato.kodomo@town.kumejima.okinawa.jp";
    private static final String NOTE = "児童手当の現況届の質問はまだ回答待ちです。放課後児童クラブのスレッドも見ておいてください。";

    static Member gima;
    static Member higa;
    static String openQuestion;
    static String higasDiscussion;
    static String higasQuestion;
    static String handoverId;
    static String invitationCode;
    static String successorId;
    static String successorToken;

    @Test
    @Order(1)
    void theChildrenSectionLeadAsksAnswersAndWatches() {
        gima = Member.join("gima.kodomo@town.kumejima.lg.jp", "gima_kodomo", "儀間 聡子", "久米島町", "473618");
        Http.Response department = Http.send("PATCH", Member.gateway() + "/api/members/me", gima.accessToken,
                Map.of("department", "福祉課 子ども支援係"));
        assertThat(department.status()).as(department.body()).isEqualTo(200);
        higa = Member.join("higa.kodomo@city.naha.lg.jp", "higa_kodomo", "比嘉 健", "那覇市", null);

        openQuestion = publish(gima, "QUESTION", "児童手当の現況届、オンライン提出の案内はどうしていますか",
                "今年から現況届の提出方法を見直します。オンライン提出を案内している町村の例を教えてください。");
        higasDiscussion = publish(higa, "DISCUSSION", "保育所入所申請のオンライン化",
                "那覇市では来年度から入所申請をオンラインで受け付けます。");
        Http.Response answered = gima.post("/api/posts/" + higasDiscussion + "/replies",
                Map.of("body", "久米島町では申請書のダウンロードから始めました。"));
        assertThat(answered.status()).as(answered.body()).isEqualTo(201);
        higasQuestion = publish(higa, "QUESTION", "放課後児童クラブの利用申請、締切はいつにしていますか",
                "年度途中の申請の扱いも知りたいです。");
        await("her watch on his question").atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() ->
                gima.put("/api/notifications/subscriptions/posts/" + higasQuestion, Map.of("level", "WATCHING"))
                        .status() == 200);
    }

    @Test
    @Order(2)
    void beforeTheRotationSheNamesHerSuccessorWhoIsNotAMemberYet() {
        Http.Response named = gima.post("/api/members/me/handovers", Map.of("successorEmail", SUCCESSOR_EMAIL,
                "note", NOTE));
        assertThat(named.status()).as(named.body()).isEqualTo(201);
        assertThat(named.json().get("status").asString()).isEqualTo("WAITING_FOR_SUCCESSOR");
        assertThat(named.json().get("position").get("department").asString()).isEqualTo("福祉課 子ども支援係");
        assertThat(named.json().get("position").get("to").isNull()).isTrue();
        handoverId = named.json().get("id").asString();
    }

    @Test
    @Order(3)
    void theInvitationMailTellsWhoHandsOverWhichJobWithTheLinkAndTheCode() {
        String url = RunningPlatform.platform().mailApiUrl() + "/api/messages?to="
                + URLEncoder.encode(SUCCESSOR_EMAIL, StandardCharsets.UTF_8);
        JsonNode[] invitation = new JsonNode[1];
        await("the invitation mail").atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            for (JsonNode mail : Http.get(url, null).json()) {
                if (INVITATION.matcher(mail.path("text").asString()).find()) {
                    invitation[0] = mail;
                    return true;
                }
            }
            return false;
        });
        String text = invitation[0].get("text").asString();
        Matcher code = INVITATION.matcher(text);
        assertThat(code.find()).isTrue();
        invitationCode = code.group(1);
        assertThat(invitation[0].get("subject").asString()).contains("儀間 聡子さんから「久米島町 福祉課 子ども支援係」");
        assertThat(text).contains(Member.gateway() + "/register?invitation=" + invitationCode)
                .contains(NOTE).contains("有効期限").contains("Valid until");
        // one mail, however the command travelled
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> {
            int count = 0;
            for (JsonNode mail : Http.get(url, null).json()) {
                count += INVITATION.matcher(mail.path("text").asString()).find() ? 1 : 0;
            }
            return count == 1;
        });
    }

    @Test
    @Order(4)
    void theSuccessorRegistersWithTheCodeVerifiesAndFindsTheHandover() {
        Map<String, Object> registration = new HashMap<>(Map.of("email", SUCCESSOR_EMAIL,
                "password", Member.PASSWORD, "displayName", "仲里 美咲", "handle", "nakazato_kodomo",
                "organization", "久米島町", "organizationCode", "473618", "invitationCode", invitationCode));
        Http.Response registered = Http.send("POST", Member.gateway() + "/api/auth/register", null, registration);
        assertThat(registered.status()).as(registered.body()).isEqualTo(202);
        successorId = registered.json().get("memberId").asString();
        Http.Response verified = Http.send("POST", Member.gateway() + "/api/auth/verify", null,
                Map.of("token", Member.verificationToken(SUCCESSOR_EMAIL)));
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        Http.Response login = Http.send("POST", Member.gateway() + "/api/auth/login", null,
                Map.of("email", SUCCESSOR_EMAIL, "password", Member.PASSWORD));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        successorToken = login.json().get("accessToken").asString();

        Http.Response handovers = successor("GET", "/api/members/me/handovers", null);
        assertThat(handovers.status()).as(handovers.body()).isEqualTo(200);
        JsonNode received = handovers.json().get("received");
        assertThat(received).hasSize(1);
        assertThat(received.get(0).get("id").asString()).isEqualTo(handoverId);
        assertThat(received.get(0).get("status").asString()).isEqualTo("ACTIVE");
        assertThat(received.get(0).get("predecessor").get("displayName").asString()).isEqualTo("儀間 聡子");
        assertThat(received.get(0).get("note").asString()).isEqualTo(NOTE);
        assertThat(received.get(0).get("introductionDraft").get("body").asString()).contains("儀間 聡子");
        JsonNode given = gima.get("/api/members/me/handovers").json().get("given");
        assertThat(given.get(0).get("successor").get("displayName").asString()).isEqualTo("仲里 美咲");

        // notifications-service tells her once, linking to the handover page
        await("the handover notice").atMost(WAIT).pollInterval(Duration.ofMillis(300))
                .until(() -> ofType(successorInbox(), "HANDOVER_RECEIVED").size() == 1);
        JsonNode notice = ofType(successorInbox(), "HANDOVER_RECEIVED").get(0);
        assertThat(notice.get("actor").get("displayName").asString()).isEqualTo("儀間 聡子");
        assertThat(notice.get("title").asString()).isEqualTo("久米島町 福祉課 子ども支援係");
        assertThat(notice.get("extra").asString()).isEqualTo(handoverId);
    }

    @Test
    @Order(5)
    void herThreadsInTheJobShowTheOpenQuestionFirst() {
        String path = "/api/posts/handovers/" + handoverId + "/threads";
        await("the threads").atMost(WAIT).pollInterval(Duration.ofMillis(300))
                .until(() -> successor("GET", path, null).status() == 200);
        JsonNode page = successor("GET", path, null).json();
        JsonNode items = page.get("items");
        assertThat(page.get("to").isNull()).isTrue();
        assertThat(items.get(0).get("postId").asString()).isEqualTo(openQuestion);
        assertThat(items.get(0).get("open").asBoolean()).isTrue();
        assertThat(items.get(0).get("role").asString()).isEqualTo("ASKED");
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("postId").asString()));
        assertThat(ids).containsExactly(openQuestion, higasDiscussion);
        assertThat(items.get(1).get("role").asString()).isEqualTo("ANSWERED");
        // a colleague who is neither of the two sides may not look
        assertThat(higa.get(path).status()).isEqualTo(403);
    }

    @Test
    @Order(6)
    void sheTakesOverTheWatchesOnceAndForAll() {
        String watches = "/api/notifications/handovers/" + handoverId + "/watches";
        await("the watches").atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            Http.Response list = successor("GET", watches, null);
            return list.status() == 200 && list.json().get("items").size() == 3;
        });
        JsonNode items = successor("GET", watches, null).json().get("items");
        List<String> watched = new ArrayList<>();
        items.forEach(item -> watched.add(item.get("target").get("id").asString()));
        // her own question and the thread she answered (watched automatically) and the one she chose to watch
        assertThat(watched).containsExactlyInAnyOrder(openQuestion, higasDiscussion, higasQuestion);
        items.forEach(item -> assertThat(item.get("alreadyWatchedBySuccessor").asBoolean()).isFalse());

        String takeOver = "/api/notifications/handovers/" + handoverId + "/take-over-watches";
        assertThat(gima.post(takeOver, Map.of()).status()).isEqualTo(403);
        Http.Response taken = successor("POST", takeOver, Map.of());
        assertThat(taken.status()).as(taken.body()).isEqualTo(200);
        assertThat(taken.json().get("copied").asInt()).isEqualTo(3);
        Http.Response again = successor("POST", takeOver, Map.of());
        assertThat(again.json().get("copied").asInt()).isZero();
        assertThat(again.json().get("alreadyWatching").asInt()).isEqualTo(3);

        // his question is hers to follow now: his follow-up reaches her
        Http.Response followUp = higa.post("/api/posts/" + higasQuestion + "/replies",
                Map.of("body", "補足です。年度途中の申請は随時受け付けています。"));
        assertThat(followUp.status()).as(followUp.body()).isEqualTo(201);
        await("the follow-up for the successor").atMost(WAIT).pollInterval(Duration.ofMillis(300))
                .until(() -> ofType(successorInbox(), "REPLY").stream()
                        .anyMatch(n -> higasQuestion.equals(n.path("postId").asString())));
    }

    @Test
    @Order(7)
    void sheAnswersTheQuestionLeftOpenAndTheLeaverHearsOfIt() {
        Http.Response answer = successor("POST", "/api/posts/" + openQuestion + "/replies", Map.of("body",
                "後任の仲里です。久米島町では今年度からオンライン提出を案内し、窓口では紙の届も受け付けています。"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        String replyId = answer.json().get("id").asString();
        await("the leaver's notice").atMost(WAIT).pollInterval(Duration.ofMillis(300))
                .until(() -> ofType(gima.notifications(), "REPLY").stream()
                        .anyMatch(n -> replyId.equals(n.path("replyId").asString())
                                && successorId.equals(n.path("actor").path("id").asString())));
        // the asker can now mark it solved: it leaves the open questions of the page
        Http.Response solved = gima.put("/api/posts/" + openQuestion + "/answer", Map.of("replyId", replyId));
        assertThat(solved.status()).as(solved.body()).isEqualTo(200);
        JsonNode first = successor("GET", "/api/posts/handovers/" + handoverId + "/threads", null).json()
                .get("items").get(0);
        assertThat(first.get("postId").asString()).isEqualTo(openQuestion);
        assertThat(first.get("open").asBoolean()).isFalse();
        assertThat(first.get("solved").asBoolean()).isTrue();
    }

    private static String publish(Member author, String kind, String title, String body) {
        Http.Response posted = author.post("/api/posts", Map.of("channel", "general", "kind", kind, "title", title,
                "body", body, "tags", List.of("子ども")));
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        return posted.json().get("id").asString();
    }

    private static Http.Response successor(String method, String path, Object body) {
        return Http.send(method, Member.gateway() + path, successorToken, body);
    }

    private static JsonNode successorInbox() {
        Http.Response inbox = successor("GET", "/api/notifications?limit=100", null);
        assertThat(inbox.status()).as(inbox.body()).isEqualTo(200);
        return inbox.json().get("items");
    }

    private static List<JsonNode> ofType(JsonNode notifications, String type) {
        return SeedStoryIT.ofType(notifications, type);
    }
}
