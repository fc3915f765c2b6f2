package jp.kyoso.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.kyoso.members.member.Member;
import jp.kyoso.members.organization.OrganizationCodeBackfill;
import jp.kyoso.testsupport.TopicProbe;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Part 5 of "Knowledge that outlives staff rotation": organizations linked to their 全国地方公共団体コード, the
 * directory's kind / prefecture / distance filters, "towns like mine" and the registration form's suggestions.
 */
class TownsLikeMineTest extends MembersServiceTest {
    private static final String KUMEJIMA = "473618";     // 久米島町 (町)
    private static final String TONAKI = "473561";       // 渡名喜村 (村), 34 km from Kumejima
    private static final String NAHA = "472018";         // 那覇市 (市), 88 km
    private static final String YOMITAN = "473243";      // 読谷村 (村), 94 km
    private static final String CHATAN = "473260";       // 北谷町 (町), 96 km
    private static final String KIN = "473146";          // 金武町 (町), 112 km
    private static final String MOTOBU = "473081";       // 本部町 (町), 114 km
    private static final String YONAGUNI = "473821";     // 与那国町 (町), about 420 km
    private static final String TSURUMI = "141011";      // 横浜市 鶴見区 (政令市)
    private static final String YOKOHAMA_NISHI = "141038"; // 横浜市 西区 (政令市, the same city)
    private static final String NAKAHARA = "141330";     // 川崎市 中原区 (政令市)

    @Autowired
    OrganizationCodeBackfill backfill;

    /** A new active member whose profile names the body by its code, with a tag that tells this test's members. */
    private ActiveMember memberAt(String code, String organization, String department, String tag) {
        ActiveMember member = newMember();
        Map<String, Object> profile = new HashMap<>();
        profile.put("organization", organization);
        if (code != null) {
            profile.put("organizationCode", code);
        }
        if (department != null) {
            profile.put("department", department);
        }
        profile.put("interests", List.of(tag));
        Http.Response updated = http.patch("/api/members/me", profile, member.accessToken());
        assertThat(updated.status()).as(updated.raw()).isEqualTo(200);
        return member;
    }

    @Test
    void theRegistrationFormOffersKumejimaWithoutAnAccount() {
        for (String typed : List.of("久米島", "くめじま", "クメジマ", "沖縄県 久米島")) {
            Http.Response found = http.get("/api/organizations?q=" + typed, null);
            assertThat(found.status()).as(found.raw()).isEqualTo(200);
            JsonNode first = found.json().get("items").get(0);
            assertThat(first.get("lgcode").asString()).isEqualTo(KUMEJIMA);
            assertThat(first.get("name").asString()).isEqualTo("久米島町");
            assertThat(first.get("prefecture").asString()).isEqualTo("沖縄県");
            assertThat(first.get("kind").asString()).isEqualTo("町");
            assertThat(first.get("label").asString()).isEqualTo("沖縄県 久米島町");
        }
        JsonNode okinawa = http.get("/api/organizations?q=沖縄", null).json().get("items");
        assertThat(okinawa.get(0).get("label").asString()).isEqualTo("沖縄県");
        assertThat(okinawa.get(0).get("kind").asString()).isEqualTo("都道府県");
        assertThat(http.get("/api/organizations?q=町", null).json().get("items")).hasSize(10);
        assertThat(http.get("/api/organizations?q=町&limit=3", null).json().get("items")).hasSize(3);
        assertThat(http.get("/api/organizations?q=存在しない自治体", null).json().get("items")).isEmpty();
        // a stale token does not get in the way of a public path
        assertThat(http.get("/api/organizations?q=久米島", "expired.or.bad").status()).isEqualTo(200);

        expect400(http.get("/api/organizations", null), "q");
        expect400(http.get("/api/organizations?q=　", null), "q");
        expect400(http.get("/api/organizations?q=" + "町".repeat(51), null), "q");
        expect400(http.get("/api/organizations?q=町&limit=0", null), "limit");
        expect400(http.get("/api/organizations?q=町&limit=21", null), "limit");
    }

    @Test
    void registrationAndProfileLinkTheCodeOfAnOrganizationNamedExactly() {
        String handle = unique("kume_");
        Map<String, Object> body = registration(handle + "@town.kumejima.lg.jp", handle);
        body.put("organization", "久米島町");
        Http.Response registered = http.post("/api/auth/register", body);
        assertThat(registered.status()).as(registered.raw()).isEqualTo(202);
        String id = registered.text("memberId");
        assertThat(http.post("/api/auth/verify", Map.of("token", verificationTokenFor(id))).status()).isEqualTo(200);
        String token = login(body.get("email").toString()).accessToken();
        JsonNode me = http.get("/api/members/me", token).json();
        assertThat(me.get("organization").asString()).isEqualTo("久米島町");   // kept as entered
        assertThat(me.get("organizationCode").asString()).isEqualTo(KUMEJIMA);
        assertThat(me.get("prefecture").asString()).isEqualTo("沖縄県");
        JsonNode event = Http.JSON.readTree(memberEvents().awaitRecords(r -> id.equals(r.key())
                && "kyoso.members.MemberRegistered.v1".equals(r.type()), Duration.ofSeconds(20)).get(0).value());
        assertThat(event.get("organizationCode").asString()).isEqualTo(KUMEJIMA);

        // a profile that names its body from now on
        ActiveMember motobu = newMember();
        JsonNode changed = http.patch("/api/members/me", Map.of("organization", "沖縄県　本部町"), motobu.accessToken())
                .json();
        assertThat(changed.get("organization").asString()).isEqualTo("沖縄県　本部町");
        assertThat(changed.get("organizationCode").asString()).isEqualTo(MOTOBU);
        assertThat(changed.get("prefecture").asString()).isEqualTo("沖縄県");

        // not a name of exactly one body, or a code cleared on purpose: nothing is linked
        ActiveMember fuchu = newMember();
        assertThat(http.patch("/api/members/me", Map.of("organization", "府中市"), fuchu.accessToken()).json()
                .get("organizationCode").isNull()).isTrue();
        assertThat(http.patch("/api/members/me", Map.of("organization", "府中市", "prefecture", "東京都"),
                fuchu.accessToken()).json().get("organizationCode").asString()).isEqualTo("132063");
        JsonNode cleared = http.patch("/api/members/me", Map.of("organization", "久米島町", "organizationCode", ""),
                motobu.accessToken()).json();
        assertThat(cleared.get("organizationCode").isNull()).isTrue();
        assertThat(http.get("/api/members/me", newMember().accessToken()).json().get("organizationCode").isNull())
                .as("那覇市役所 is not exactly a municipality's name").isTrue();
    }

    @Test
    void theBackfillLinksMembersRegisteredBeforeOnceAndKeepsTheirNames() {
        String kumejima = insertMember("沖縄県 久米島町", null, "ACTIVE");
        String fuchuTokyo = insertMember("府中市", "東京都", "ACTIVE");
        String fuchu = insertMember("府中市", null, "ACTIVE");
        String pending = insertMember("渡名喜村", null, "PENDING_VERIFICATION");
        String naha = insertMember("那覇市役所", null, "ACTIVE");

        assertThat(backfill.linkMissingCodes()).isGreaterThanOrEqualTo(3);
        Document linked = stored(kumejima);
        assertThat(linked.getString("organizationCode")).isEqualTo(KUMEJIMA);
        assertThat(linked.getString("prefecture")).isEqualTo("沖縄県");
        assertThat(linked.getString("organization")).isEqualTo("沖縄県 久米島町");
        assertThat(stored(fuchuTokyo).getString("organizationCode")).isEqualTo("132063");
        assertThat(stored(pending).getString("organizationCode")).isEqualTo(TONAKI);
        assertThat(stored(fuchu).get("organizationCode")).isNull();
        assertThat(stored(naha).get("organizationCode")).isNull();

        // others learn it as from a profile update: once
        List<TopicProbe.Received> updates = memberEvents().awaitRecords(r -> kumejima.equals(r.key())
                && "kyoso.members.MemberProfileUpdated.v1".equals(r.type()), Duration.ofSeconds(20));
        assertThat(Http.JSON.readTree(updates.get(0).value()).get("organizationCode").asString()).isEqualTo(KUMEJIMA);
        await().atMost(Duration.ofSeconds(20)).until(() -> stored(kumejima).getList("outbox", Document.class)
                .isEmpty());
        assertThat(backfill.linkMissingCodes()).isZero();
        assertThat(stored(kumejima).getList("outbox", Document.class)).isEmpty();
        assertThat(stored(pending).getList("outbox", Document.class)).isEmpty();
        assertThat(memberEvents().awaitRecords(r -> kumejima.equals(r.key())
                && "kyoso.members.MemberProfileUpdated.v1".equals(r.type()), Duration.ofSeconds(5))).hasSize(1);
    }

    @Test
    void theDirectoryFiltersByKindPrefectureAndDistance() {
        String tag = unique("near");
        ActiveMember kumejima = memberAt(KUMEJIMA, "久米島町", "福祉課", tag);
        ActiveMember tonaki = memberAt(TONAKI, "渡名喜村", null, tag);
        ActiveMember naha = memberAt(NAHA, "那覇市", null, tag);
        ActiveMember motobu = memberAt(MOTOBU, "本部町", null, tag);
        ActiveMember national = memberAt(null, "デジタル庁", null, tag);
        ActiveMember tsurumi = memberAt(TSURUMI, "横浜市鶴見区", null, tag);
        ActiveMember kumejimaLater = memberAt(KUMEJIMA, "久米島町", "総務課", tag);
        String viewer = newMember().accessToken();
        String filter = "/api/members?interest=" + tag;

        assertThat(ids(http.get(filter + "&kind=町", viewer))).containsExactly(kumejimaLater.id(), motobu.id(),
                kumejima.id());
        assertThat(ids(http.get(filter + "&kind=村", viewer))).containsExactly(tonaki.id());
        assertThat(ids(http.get(filter + "&kind=市", viewer))).containsExactly(naha.id());
        assertThat(ids(http.get(filter + "&kind=政令市", viewer))).containsExactly(tsurumi.id());
        assertThat(ids(http.get(filter + "&kind=国", viewer))).containsExactly(national.id());
        assertThat(ids(http.get(filter + "&prefecture=沖縄県", viewer))).containsExactlyInAnyOrder(kumejima.id(),
                kumejimaLater.id(), tonaki.id(), naha.id(), motobu.id());
        JsonNode item = http.get(filter + "&kind=町&prefecture=沖縄県", viewer).json().get("items").get(2);
        assertThat(item.get("id").asString()).isEqualTo(kumejima.id());
        assertThat(item.get("organizationCode").asString()).isEqualTo(KUMEJIMA);
        assertThat(item.get("organizationKind").asString()).isEqualTo("町");
        assertThat(item.get("prefecture").asString()).isEqualTo("沖縄県");
        assertThat(item.get("department").asString()).isEqualTo("福祉課");
        assertThat(item.has("distanceKm")).isFalse();
        assertThat(item.has("profile")).isFalse();
        assertThat(http.get(filter + "&kind=国", viewer).json().get("items").get(0).get("organizationKind")
                .asString()).isEqualTo("国");
        assertThat(http.get(filter + "&kind=政令市", viewer).json().get("items").get(0).get("organizationKind")
                .asString()).isEqualTo("政令市");

        // near: nearest town hall first, the same distance newest first
        JsonNode near = http.get(filter + "&near=" + KUMEJIMA + "&withinKm=100", viewer).json().get("items");
        assertThat(idsOf(near)).containsExactly(kumejimaLater.id(), kumejima.id(), tonaki.id(), naha.id());
        assertThat(near.get(0).get("distanceKm").asDouble()).isEqualTo(0.0);
        assertThat(near.get(2).get("distanceKm").asDouble()).isEqualTo(33.7);
        assertThat(near.get(3).get("distanceKm").asDouble()).isEqualTo(88.3);
        assertThat(near.get(3).get("organizationKind").asString()).isEqualTo("市");
        assertThat(ids(http.get(filter + "&near=" + KUMEJIMA, viewer)))
                .as("50 km by default").containsExactly(kumejimaLater.id(), kumejima.id(), tonaki.id());
        assertThat(ids(http.get(filter + "&near=" + KUMEJIMA + "&withinKm=120&kind=町", viewer)))
                .containsExactly(kumejimaLater.id(), kumejima.id(), motobu.id());

        // paging keeps the order
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Http.Response page = http.get(filter + "&near=" + KUMEJIMA + "&withinKm=100&limit=1"
                    + (cursor == null ? "" : "&cursor=" + cursor), viewer);
            assertThat(page.status()).as(page.raw()).isEqualTo(200);
            seen.addAll(ids(page));
            cursor = page.text("nextCursor");
        } while (cursor != null);
        assertThat(seen).containsExactly(kumejimaLater.id(), kumejima.id(), tonaki.id(), naha.id());

        expect400(http.get(filter + "&kind=city", viewer), "kind");
        expect400(http.get(filter + "&near=472019", viewer), "near");
        expect400(http.get(filter + "&near=abc", viewer), "near");
        expect400(http.get(filter + "&near=" + KUMEJIMA + "&withinKm=0", viewer), "withinKm");
        expect400(http.get(filter + "&near=" + KUMEJIMA + "&withinKm=501", viewer), "withinKm");
        expect400(http.get(filter + "&withinKm=50", viewer), "withinKm");
        String plainCursor = http.get(filter + "&limit=1", viewer).text("nextCursor");
        expect400(http.get(filter + "&near=" + KUMEJIMA + "&cursor=" + plainCursor, viewer), "cursor");
        assertThat(http.get("/api/members?near=" + KUMEJIMA + "&withinKm=x", viewer).status()).isEqualTo(400);
    }

    /** "Done when a new person in charge finds the staff of three towns like hers." */
    @Test
    void aNewPersonInChargeAtKumejimaFindsTheStaffOfThreeTownsLikeHers() {
        String tag = unique("peer");
        ActiveMember chatan = memberAt(CHATAN, "北谷町", "こども家庭課", tag);
        ActiveMember kin = memberAt(KIN, "金武町", null, tag);
        ActiveMember motobu = memberAt(MOTOBU, "本部町", "福祉課", tag);
        ActiveMember yonaguni = memberAt(YONAGUNI, "与那国町", null, tag);
        memberAt(TONAKI, "渡名喜村", null, tag);     // a 村: not a town like hers, however near
        memberAt(YOMITAN, "読谷村", null, tag);
        memberAt(NAHA, "那覇市", null, tag);
        memberAt(KUMEJIMA, "久米島町", "総務課", tag); // her own town is not a peer
        ActiveMember newcomer = memberAt(KUMEJIMA, "久米島町", "福祉課こども班", tag);

        Http.Response answer = http.get("/api/members/peers", newcomer.accessToken());
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        JsonNode peers = answer.json();
        assertThat(peers.get("organizationCode").asString()).isEqualTo(KUMEJIMA);
        assertThat(peers.get("kind").asString()).isEqualTo("町");
        assertThat(peers.get("withinKm").asInt()).isEqualTo(150);
        assertThat(peers.has("reason")).isFalse();
        List<String> towns = new ArrayList<>();
        double previous = 0;
        for (JsonNode town : peers.get("items")) {
            towns.add(town.get("organizationCode").asString());
            assertThat(town.get("kind").asString()).isEqualTo("町");
            assertThat(town.get("distanceKm").asDouble()).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(150);
            previous = town.get("distanceKm").asDouble();
            assertThat(town.get("members").size()).isBetween(1, 5);
        }
        assertThat(towns).contains(CHATAN, KIN, MOTOBU).doesNotContain(KUMEJIMA, TONAKI, YOMITAN, NAHA, YONAGUNI);
        assertThat(towns.indexOf(CHATAN)).isLessThan(towns.indexOf(KIN));
        assertThat(towns.indexOf(KIN)).isLessThan(towns.indexOf(MOTOBU));
        JsonNode motobuTown = townOf(peers, MOTOBU);
        assertThat(motobuTown.get("name").asString()).isEqualTo("本部町");
        assertThat(motobuTown.get("prefecture").asString()).isEqualTo("沖縄県");
        assertThat(motobuTown.get("distanceKm").asDouble()).isEqualTo(114.3);
        // most recently joined first: this test's member is the newest of 本部町
        JsonNode staff = motobuTown.get("members").get(0);
        assertThat(staff.get("memberId").asString()).isEqualTo(motobu.id());
        assertThat(staff.get("handle").asString()).isEqualTo(motobu.handle());
        assertThat(staff.get("displayName").asString()).isEqualTo("テスト " + motobu.handle());
        assertThat(staff.get("department").asString()).isEqualTo("福祉課");
        assertThat(townOf(peers, CHATAN).get("members").get(0).get("memberId").asString()).isEqualTo(chatan.id());
        assertThat(townOf(peers, KIN).get("members").get(0).get("memberId").asString()).isEqualTo(kin.id());
        // the codes to ask posts-service for solved questions from those towns
        List<String> peerCodes = new ArrayList<>();
        peers.get("peerCodes").forEach(code -> peerCodes.add(code.asString()));
        assertThat(peerCodes).contains(CHATAN, KIN, MOTOBU).doesNotContain(KUMEJIMA, TONAKI, NAHA).hasSizeLessThan(51);
        assertThat(peerCodes.subList(0, 3)).isEqualTo(towns.subList(0, 3));

        // farther and fewer
        JsonNode far = http.get("/api/members/peers?withinKm=500&limit=50", newcomer.accessToken()).json();
        assertThat(townOf(far, YONAGUNI).get("members").get(0).get("memberId").asString()).isEqualTo(yonaguni.id());
        assertThat(http.get("/api/members/peers?limit=1", newcomer.accessToken()).json().get("items")).hasSize(1);
        JsonNode none = http.get("/api/members/peers?withinKm=50", newcomer.accessToken()).json();
        assertThat(none.get("items")).isEmpty();
        assertThat(none.get("peerCodes")).isEmpty();

        expect400(http.get("/api/members/peers?withinKm=0", newcomer.accessToken()), "withinKm");
        expect400(http.get("/api/members/peers?withinKm=501", newcomer.accessToken()), "withinKm");
        expect400(http.get("/api/members/peers?limit=0", newcomer.accessToken()), "limit");
        expect400(http.get("/api/members/peers?limit=51", newcomer.accessToken()), "limit");
        assertThat(http.get("/api/members/peers", null).status()).isEqualTo(401);
    }

    @Test
    void aWardOfADesignatedCitySeesOtherDesignatedCitiesNotItsOwnWards() {
        String tag = unique("ward");
        ActiveMember nakahara = memberAt(NAKAHARA, "川崎市中原区", null, tag);
        memberAt(YOKOHAMA_NISHI, "横浜市西区", null, tag);
        ActiveMember tsurumi = memberAt(TSURUMI, "横浜市鶴見区", null, tag);

        JsonNode peers = http.get("/api/members/peers", tsurumi.accessToken()).json();
        assertThat(peers.get("kind").asString()).isEqualTo("政令市");
        JsonNode kawasaki = townOf(peers, "141305");
        assertThat(kawasaki.get("name").asString()).isEqualTo("川崎市");
        assertThat(kawasaki.get("kind").asString()).isEqualTo("政令市");
        assertThat(kawasaki.get("members").get(0).get("memberId").asString()).isEqualTo(nakahara.id());
        List<String> towns = new ArrayList<>();
        peers.get("items").forEach(town -> towns.add(town.get("organizationCode").asString()));
        assertThat(towns).doesNotContain("141003", TSURUMI, YOKOHAMA_NISHI);
        List<String> peerCodes = new ArrayList<>();
        peers.get("peerCodes").forEach(code -> peerCodes.add(code.asString()));
        assertThat(peerCodes).contains(NAKAHARA).doesNotContain(YOKOHAMA_NISHI, TSURUMI);
    }

    @Test
    void aMemberWithoutAKnownCodeIsToldWhy() {
        ActiveMember national = memberAt(null, "デジタル庁", null, unique("none"));
        Http.Response answer = http.get("/api/members/peers", national.accessToken());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("items")).isEmpty();
        assertThat(answer.json().get("peerCodes")).isEmpty();
        assertThat(answer.json().get("kind").asString()).isEqualTo("国");
        assertThat(answer.text("reason")).isEqualTo("所属の団体コードが分からないため、近い自治体を探せません / "
                + "Your organization has no known code, so nearby towns cannot be found");
    }

    private static JsonNode townOf(JsonNode peers, String code) {
        for (JsonNode town : peers.get("items")) {
            if (code.equals(town.get("organizationCode").asString())) {
                return town;
            }
        }
        throw new AssertionError("no town " + code + " in " + peers);
    }

    private String insertMember(String organization, String prefecture, String status) {
        String id = UUID.randomUUID().toString();
        String handle = unique("old_");
        Document member = new Document("_id", id).append("email", handle + "@example.lg.jp").append("handle", handle)
                .append("displayName", "以前の " + handle).append("organization", organization)
                .append("interests", List.of()).append("roles", List.of("MEMBER")).append("status", status)
                .append("registeredAt", Date.from(Instant.now())).append("version", 0L)
                .append("outbox", List.of());
        if (prefecture != null) {
            member.append("prefecture", prefecture);
        }
        if ("ACTIVE".equals(status)) {
            member.append("activatedAt", Date.from(Instant.now()));
        }
        mongo.insert(member, Member.COLLECTION);
        return id;
    }

    private Document stored(String id) {
        return mongo.findById(id, Document.class, Member.COLLECTION);
    }

    private static void expect400(Http.Response response, String field) {
        assertThat(response.status()).as(response.raw()).isEqualTo(400);
        assertThat(response.contentType()).contains("application/problem+json");
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
    }

    private static List<String> ids(Http.Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return idsOf(response.json().get("items"));
    }

    private static List<String> idsOf(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }
}
