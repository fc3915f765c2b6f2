package jp.kyoso.posts.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import jp.kyoso.platform.outbox.Outbox;
import jp.kyoso.platform.outbox.OutboxRelay;
import jp.kyoso.platform.security.CurrentMember;
import jp.kyoso.platform.web.ApiProblem;
import jp.kyoso.posts.Messages;
import jp.kyoso.posts.events.PostsEvents;
import jp.kyoso.posts.member.Author;
import jp.kyoso.posts.member.MemberDirectory;
import jp.kyoso.posts.member.MemberRecord;
import jp.kyoso.posts.post.Post;
import jp.kyoso.posts.post.PostFields;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Who answered a session, and who actually came: marked by a moderator from the opening of the reception desk
 * ({@code kyoso.sessions.check-in-opens-before} before the start), as people arrive, and corrected any time after.
 */
@Service
class SessionAttendance {
    private static final int ATTEMPTS = 10;

    private final MongoTemplate mongo;
    private final SessionPosts sessions;
    private final MemberDirectory members;
    private final OutboxRelay outboxRelay;
    private final Clock clock;
    private final Duration checkInOpensBefore;

    SessionAttendance(MongoTemplate mongo, SessionPosts sessions, MemberDirectory members, OutboxRelay outboxRelay,
                      Clock clock, SessionProperties properties) {
        this.mongo = mongo;
        this.sessions = sessions;
        this.members = members;
        this.outboxRelay = outboxRelay;
        this.clock = clock;
        this.checkInOpensBefore = properties.checkInOpensBefore();
    }

    Attendees attendees(String postId, CurrentMember moderator) {
        Session session = sessions.visibleTo(postId, moderator).session();
        List<Rsvp> ordered = new ArrayList<>(session.rsvpList());
        // stable: within each status the order of the document, which is the order of the answers
        ordered.sort(Comparator.comparing(Rsvp::status));
        Map<String, MemberRecord> known = members.byIds(ordered.stream().map(Rsvp::memberId).toList());
        return new Attendees(ordered.stream().map(rsvp -> view(rsvp, known.get(rsvp.memberId()))).toList(),
                session.startsAt().minus(checkInOpensBefore));
    }

    AttendeeView mark(String postId, String memberId, boolean attended, CurrentMember moderator) {
        members.requireActive(moderator);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Post post = sessions.visibleTo(postId, moderator);
            Session session = post.session();
            Rsvp rsvp = session.rsvpOf(memberId).orElseThrow(() -> ApiProblem.notFound(
                    Messages.get("session.attendee-not-found")));
            Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
            if (!session.checkInHasOpened(now, checkInOpensBefore)) {
                throw checkInNotOpen();
            }
            if (Objects.equals(rsvp.attended(), attended)) {
                return view(rsvp, members.byIds(List.of(memberId)).get(memberId));
            }
            List<Rsvp> rsvps = new ArrayList<>(session.rsvpList());
            rsvps.replaceAll(each -> each.memberId().equals(memberId) ? each.withAttended(attended) : each);
            Update update = new Update().set(SessionFields.RSVPS, rsvps).inc(SessionFields.RSVP_VERSION, 1);
            Outbox.append(update, PostsEvents.sessionAttendanceMarked(postId, memberId, attended, moderator.id(),
                    now));
            Query asRead = Query.query(Criteria.where(PostFields.ID).is(postId).and(PostFields.DELETED).is(false)
                    .and(SessionFields.RSVP_VERSION).is(session.rsvpVersion()));
            if (mongo.updateFirst(asRead, update, Post.class).getModifiedCount() == 1) {
                outboxRelay.wakeUp();
                return view(rsvp.withAttended(attended), members.byIds(List.of(memberId)).get(memberId));
            }
        }
        throw SessionRsvps.busy();
    }

    private ApiProblem checkInNotOpen() {
        String minutes = String.valueOf(checkInOpensBefore.toMinutes());
        return ApiProblem.conflict(Messages.get("session.check-in-not-open", minutes));
    }

    private static AttendeeView view(Rsvp rsvp, MemberRecord member) {
        boolean former = member != null && member.deactivated();
        String displayName = former ? Author.FORMER_MEMBER_NAME : member == null ? null : member.displayName();
        String organization = former || member == null ? null : member.organization();
        return new AttendeeView(rsvp.memberId(), displayName, organization, rsvp.status(), rsvp.attended(),
                rsvp.rsvpAt());
    }
}
