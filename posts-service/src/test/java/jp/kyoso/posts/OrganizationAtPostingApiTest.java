package jp.kyoso.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.LinkedHashMap;
import java.util.Map;
import jp.kyoso.posts.support.MemberEventsTestBase;
import jp.kyoso.posts.support.TestMember;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;

/**
 * Every post and reply shows the author's current organization ({@code author.organization}, kept from members
 * events) and, once the author has moved, the organization as it was when it was written
 * ({@code authorOrganizationAtPosting}).
 */
class OrganizationAtPostingApiTest extends MemberEventsTestBase {
    @Test
    void aMemberPostsMovesAndThePostShowsBothOrganizations() {
        TestMember gima = member("儀間 さとこ");
        TestMember reader = member("読む 人");
        members.joined(gima, "久米島町 福祉課");
        await().atMost(PROJECTION).until(() -> "久米島町 福祉課".equals(projectedOrganization(gima)));
        String postId = api(gima).publish("general", "QUESTION", "見守りの仕組み", "高齢者の見守りについて教えてください。");
        String question = api(reader).publish("general", "QUESTION", "窓口の案内", "案内表示の工夫はありますか。");
        String replyId = api(gima).reply(question, "色分けした案内が好評でした。");

        JsonNode before = post(reader, postId);
        assertThat(before.get("author").get("organization").asString()).isEqualTo("久米島町 福祉課");
        assertThat(before.has("authorOrganizationAtPosting")).as("not moved yet: nothing beside it").isFalse();
        assertThat(reply(reader, question, replyId).has("authorOrganizationAtPosting")).isFalse();

        // a staff move (人事異動), as members-service writes it: MemberMoved, then the profile with the new organization
        moved(gima, "久米島町 福祉課", "那覇市 デジタル推進課");
        members.profileUpdated(gima, "儀間 さとこ", "那覇市 デジタル推進課");
        await().atMost(PROJECTION).until(() -> "那覇市 デジタル推進課".equals(
                post(reader, postId).path("author").path("organization").asString()));

        JsonNode after = post(reader, postId);
        assertThat(after.get("authorOrganizationAtPosting").asString()).isEqualTo("久米島町 福祉課");
        JsonNode replyAfter = await().atMost(PROJECTION).until(() -> reply(reader, question, replyId),
                shown -> "那覇市 デジタル推進課".equals(shown.path("author").path("organization").asString()));
        assertThat(replyAfter.get("authorOrganizationAtPosting").asString()).isEqualTo("久米島町 福祉課");
        JsonNode listed = api(reader).get("/api/posts?author=" + gima.id()).items().get(0);
        assertThat(listed.get("id").asString()).isEqualTo(postId);
        assertThat(listed.get("authorOrganizationAtPosting").asString()).isEqualTo("久米島町 福祉課");

        // written after the move: the organization then is the current one
        String newPost = api(gima).publish("general", "DISCUSSION", "異動しました", "デジタル推進課に来ました。");
        assertThat(post(reader, newPost).has("authorOrganizationAtPosting")).isFalse();
        assertThat(mongo.findById(newPost, Document.class, "posts").getString("organizationAtPosting"))
                .isEqualTo("那覇市 デジタル推進課");

        // a post from before the field existed shows only the current organization
        mongo.updateFirst(Query.query(Criteria.where("_id").is(newPost)), new Update().unset("organizationAtPosting"),
                "posts");
        assertThat(post(reader, newPost).has("authorOrganizationAtPosting")).isFalse();

        // the member leaves: the organization at posting is personal data too, erased with the rest
        members.deactivated(gima);
        await().atMost(PROJECTION).until(() -> post(reader, postId).path("author").path("former").asBoolean());
        assertThat(post(reader, postId).has("authorOrganizationAtPosting")).isFalse();
        assertThat(mongo.findById(postId, Document.class, "posts").containsKey("organizationAtPosting")).isFalse();
        assertThat(mongo.findById(replyId, Document.class, "replies").containsKey("organizationAtPosting")).isFalse();
    }

    private void moved(TestMember member, String from, String to) {
        Map<String, Object> previous = new LinkedHashMap<>();
        previous.put("organization", from);
        previous.put("organizationCode", null);
        previous.put("department", null);
        previous.put("from", "2022-04-01");
        previous.put("to", "2026-03-31");
        Map<String, Object> current = new LinkedHashMap<>();
        current.put("organization", to);
        current.put("organizationCode", null);
        current.put("department", null);
        current.put("from", "2026-04-01");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("memberId", member.id());
        data.put("previous", previous);
        data.put("current", current);
        data.put("effectiveDate", "2026-04-01");
        data.put("movedAt", "2026-04-01T00:00:00Z");
        members.send("MemberMoved", member.id(), data);
    }

    private String projectedOrganization(TestMember member) {
        Document projected = mongo.findById(member.id(), Document.class, "members");
        return projected == null ? null : projected.getString("organization");
    }

    private JsonNode post(TestMember viewer, String postId) {
        return api(viewer).get("/api/posts/" + postId).json();
    }

    private JsonNode reply(TestMember viewer, String postId, String replyId) {
        for (JsonNode reply : api(viewer).get("/api/posts/" + postId + "/replies?limit=100").items()) {
            if (replyId.equals(reply.get("id").asString())) {
                return reply;
            }
        }
        throw new AssertionError("no reply " + replyId);
    }
}
