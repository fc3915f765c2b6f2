package jp.kyoso.notifications.session;

import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.kyoso.notifications.support.NotificationsTestBase;
import jp.kyoso.notifications.support.TestMail;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Publishes the study session events as posts-service's outbox relay would, and reads what they caused. */
abstract class SessionTestSupport extends NotificationsTestBase {
    static final String CONSUMER = "notifications-service.posts";

    @Autowired
    SessionNotices sessions;

    /** A session post: its PostPublished and its first SessionScheduled, both handled. */
    String session(TestMember moderator, String title, Instant startsAt, Instant endsAt, String place,
                   String onlineUrl) {
        String postId = unique("s");
        publish(POSTS, postId, "kyoso.posts.PostPublished.v1", post(postId, "sessions", "SESSION", title,
                moderator.id(), List.of()));
        handled(scheduled(postId, title, startsAt, endsAt, place, onlineUrl, Instant.now()));
        return postId;
    }

    String scheduled(String postId, String title, Instant startsAt, Instant endsAt, String place, String onlineUrl,
                     Instant at) {
        Map<String, Object> data = new HashMap<>();
        data.put("postId", postId);
        data.put("channelSlug", "sessions");
        data.put("title", title);
        data.put("startsAt", startsAt.toString());
        data.put("endsAt", endsAt.toString());
        data.put("place", place);
        data.put("onlineUrl", onlineUrl);
        data.put("prefecture", "沖縄県");
        data.put("capacity", 30);
        data.put("authorId", "moderator");
        data.put("at", at.toString());
        return publish(POSTS, postId, "kyoso.posts.SessionScheduled.v1", data);
    }

    String rsvp(String postId, TestMember member, String status) {
        return publish(POSTS, postId, "kyoso.posts.SessionRsvpChanged.v1", Map.of("postId", postId,
                "memberId", member.id(), "status", status, "at", Instant.now().toString()));
    }

    String attended(String postId, TestMember member, boolean attended) {
        return publish(POSTS, postId, "kyoso.posts.SessionAttendanceMarked.v1", Map.of("postId", postId,
                "memberId", member.id(), "attended", attended, "by", "moderator", "at", Instant.now().toString()));
    }

    String deleted(String postId) {
        return publish(POSTS, postId, "kyoso.posts.PostDeleted.v1", Map.of("postId", postId,
                "channelSlug", "sessions", "deletedBy", "moderator", "deletedAt", Instant.now().toString()));
    }

    /** Waits until this service has handled the events (their processed mark is written after the effects). */
    void handled(String... eventIds) {
        await().atMost(Duration.ofSeconds(30)).until(() -> java.util.Arrays.stream(eventIds)
                .allMatch(id -> processed(CONSUMER, id)));
    }

    List<JsonNode> notices(TestMember member, String postId, String type) {
        return inboxAbout(member, postId).stream().filter(n -> type.equals(n.get("type").asString())).toList();
    }

    static List<MimeMessage> mails(TestMember member) {
        return TestMail.to(member.email());
    }

    static String body(MimeMessage mail) {
        try {
            return (String) mail.getContent();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
