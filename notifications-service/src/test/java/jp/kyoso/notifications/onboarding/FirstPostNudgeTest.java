package jp.kyoso.notifications.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import jp.kyoso.notifications.support.NotificationsTestBase;
import jp.kyoso.notifications.support.TestMail;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class FirstPostNudgeTest extends NotificationsTestBase {
    @Autowired
    Onboarding onboarding;

    @Test
    void aMemberWhoHasNotPostedByTheConfiguredDelayIsNudgedOnceInTheAppAndByMail() throws Exception {
        // activated two hours ago; the tests' delay is one hour
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
        TestMember recent = member("新人 最近");
        // the posts come before the activations here, so that the nudge cannot run in between
        String posterId = unique("m");
        String replierId = unique("m");
        String otherPost = unique("p");
        publish(POSTS, otherPost, "kyoso.posts.PostPublished.v1", post(otherPost, "general", "QUESTION",
                "他人の投稿", posterId, java.util.List.of()));
        publish(POSTS, otherPost, "kyoso.posts.ReplyAdded.v1", java.util.Map.of("postId", otherPost,
                "replyId", unique("r"), "channelSlug", "general", "postTitle", "他人の投稿", "postAuthorId", posterId,
                "authorId", replierId, "excerpt", "返信", "mentionedMemberIds", java.util.List.of(),
                "createdAt", Instant.now().toString()));
        await().atMost(Duration.ofSeconds(20)).until(() -> hasPosted(posterId) && hasPosted(replierId));
        TestMember poster = memberWithId(posterId, "投稿 済美", twoHoursAgo);
        TestMember replier = memberWithId(replierId, "返信 済男", twoHoursAgo);
        TestMember silent = member("無言 静香", twoHoursAgo);

        await().atMost(Duration.ofSeconds(20)).until(() -> nudges(silent) == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> TestMail.to(silent.email()).size() == 1);
        assertThat(TestMail.to(silent.email()).get(0).getSubject()).contains("最初の投稿");
        // more checks change nothing; the others are not nudged
        onboarding.nudge(Instant.now());
        onboarding.nudge(Instant.now().plus(Duration.ofMinutes(30)));
        assertThat(nudges(silent)).isEqualTo(1);
        assertThat(nudges(poster)).isZero();
        assertThat(nudges(replier)).isZero();
        assertThat(nudges(recent)).isZero();
    }

    private boolean hasPosted(String memberId) {
        org.bson.Document member = mongo.findById(memberId, org.bson.Document.class, "members");
        return member != null && Boolean.TRUE.equals(member.getBoolean("hasPosted"));
    }

    private long nudges(TestMember member) {
        return inbox(member).stream().filter(n -> "FIRST_POST_NUDGE".equals(n.get("type").asString())).count();
    }
}
