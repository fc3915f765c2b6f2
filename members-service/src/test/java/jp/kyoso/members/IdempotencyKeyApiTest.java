package jp.kyoso.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import jp.kyoso.platform.idempotency.IdempotencyRecords;
import jp.kyoso.testsupport.TopicProbe;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpMethod;

/** The generic Idempotency-Key (platform-support) on members-service's POSTs. */
class IdempotencyKeyApiTest extends MembersServiceTest {

    @Test
    void aRetriedMoveWithTheSameKeyIsRecordedAndPublishedOnceAndAnswersTheFirstResult() {
        ActiveMember member = newMember();
        LocalDate aprilFirst = PositionsAndMovesTest.lastAprilFirst();
        registeredAt(member.id(), aprilFirst.minusYears(2).atStartOfDay(ZoneId.of("Asia/Tokyo")).toInstant());
        Map<String, Object> move = PositionsAndMovesTest.move("沖縄県", "470007", "子ども生活福祉部", aprilFirst);
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

        Http.Response first = http.send(HttpMethod.POST, "/api/members/me/moves", move, member.accessToken(), key);
        Http.Response retry = http.send(HttpMethod.POST, "/api/members/me/moves", move, member.accessToken(), key);

        assertThat(first.status()).as(first.raw()).isEqualTo(201);
        assertThat(first.headers().getFirst("Idempotent-Replayed")).isNull();
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.raw()).isEqualTo(first.raw());
        assertThat(http.get("/api/members/me", member.accessToken()).json().get("history")).hasSize(1);
        List<TopicProbe.Received> moved = memberEvents().awaitRecords(r -> member.id().equals(r.key())
                && "kyoso.members.MemberMoved.v1".equals(r.type()), Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(20)).until(() -> mongo.exists(Query.query(Criteria.where("_id")
                .is(member.id()).and("outbox.0").exists(false)), "members"));
        assertThat(moved).hasSize(1);

        // the same key for another move is refused, and nothing changes
        Http.Response other = http.send(HttpMethod.POST, "/api/members/me/moves",
                PositionsAndMovesTest.move("那覇市", null, null, PositionsAndMovesTest.today()), member.accessToken(), key);
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.contentType()).startsWith("application/problem+json");
        assertThat(http.get("/api/members/me", member.accessToken()).json().get("organization").asString())
                .isEqualTo("沖縄県");
    }

    @Test
    void aLoginIsNeverKeptEvenWithAKeySoItsTokensStayOutOfTheDatabase() {
        ActiveMember member = newMember();
        String key = UUID.randomUUID().toString();
        Map<String, Object> credentials = Map.of("email", member.email(), "password", PASSWORD);

        Http.Response first = http.send(HttpMethod.POST, "/api/auth/login", credentials, null,
                Map.of("Idempotency-Key", key));
        Http.Response again = http.send(HttpMethod.POST, "/api/auth/login", credentials, null,
                Map.of("Idempotency-Key", key));

        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.headers().getFirst("Idempotent-Replayed")).isNull();
        assertThat(again.text("refreshToken")).isNotEqualTo(first.text("refreshToken"));
        assertThat(mongo.exists(Query.query(Criteria.where("_id")
                .is(IdempotencyRecords.idOf("members-service", null, key))), IdempotencyRecords.COLLECTION)).isFalse();
    }

    @Test
    void theApiDocsOfferTheHeaderOnPostsButNotOnLogin() {
        var spec = http.get("/v3/api-docs", null).json();
        assertThat(spec.get("paths").get("/api/members/me/moves").get("post").get("parameters").toString())
                .contains("Idempotency-Key");
        assertThat(String.valueOf(spec.get("paths").get("/api/auth/login").get("post").get("parameters")))
                .doesNotContain("Idempotency-Key");
    }
}
