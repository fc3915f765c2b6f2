package jp.kyoso.notifications.session;

import java.util.List;
import jp.kyoso.notifications.store.Indexes;
import org.bson.Document;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/** The indexes of {@code session_attendees} ({@code sessions} is only read and written by the post's id). */
@Component
class SessionIndexes implements InitializingBean {
    private final Indexes indexes;

    SessionIndexes(Indexes indexes) {
        this.indexes = indexes;
    }

    @Override
    public void afterPropertiesSet() {
        String attendees = SessionView.ATTENDEES;
        // scheduled() and deleted(): {postId} (exists, updateMulti); dueReminders()/dueFollowUps() of one session
        indexes.ensure(attendees, new Document("postId", 1), Indexes.named("attendees_post"));
        // erase(): {memberId}
        indexes.ensure(attendees, new Document("memberId", 1), Indexes.named("attendees_member"));
        // dueReminders(): {status: GOING, reminded != true, remindAt <= now, startsAt > now, deleted != true}, limit
        indexes.ensure(attendees, new Document("status", 1).append("reminded", 1).append("remindAt", 1),
                Indexes.named("attendees_reminders_due"));
        // dueFollowUps(): {attended: true, followedUp != true, followUpAt <= now, deleted != true}, limit
        indexes.ensure(attendees, new Document("attended", 1).append("followedUp", 1).append("followUpAt", 1),
                Indexes.named("attendees_follow_ups_due"));
        indexes.dropObsolete(attendees, List.of("postId_1", "memberId_1", "status_1_reminded_1_remindAt_1",
                "attended_1_followedUp_1_followUpAt_1"));
    }
}
