package jp.kyoso.posts.session;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jp.kyoso.platform.outbox.Outbox;
import jp.kyoso.platform.outbox.OutboxRelay;
import jp.kyoso.platform.outbox.PendingEvent;
import jp.kyoso.platform.security.CurrentMember;
import jp.kyoso.platform.web.ApiProblem;
import jp.kyoso.posts.Messages;
import jp.kyoso.posts.events.PostsEvents;
import jp.kyoso.posts.member.MemberDirectory;
import jp.kyoso.posts.post.Post;
import jp.kyoso.posts.post.PostFields;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Members answering a session: a place while there is one, else the waitlist (first come, first served); a
 * cancellation gives the place to the first in line.
 *
 * <p>Each change is one update of the session's post, conditional on the {@code rsvpVersion} it read: the RSVPs, the
 * counts and the SessionRsvpChanged events are written together or not at all, and of two members racing for the last
 * place exactly one gets it; the other reads again and is waitlisted.
 */
@Service
class SessionRsvps {
    /** Every lost race means another member's RSVP succeeded, so a retry rarely loses twice. */
    private static final int ATTEMPTS = 30;

    private final MongoTemplate mongo;
    private final SessionPosts sessions;
    private final MemberDirectory members;
    private final OutboxRelay outboxRelay;
    private final Clock clock;

    SessionRsvps(MongoTemplate mongo, SessionPosts sessions, MemberDirectory members, OutboxRelay outboxRelay,
                 Clock clock) {
        this.mongo = mongo;
        this.sessions = sessions;
        this.members = members;
        this.outboxRelay = outboxRelay;
        this.clock = clock;
    }

    /** Idempotent: a member who has answered already keeps their place and hears where they stand. */
    RsvpView rsvp(String postId, CurrentMember member) {
        // remembers a member known only from the token, so that the attendees list can name them
        members.authorFor(member);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Post post = sessions.visibleTo(postId, member);
            Session session = post.session();
            if (session.rsvpOf(member.id()).isPresent()) {
                return RsvpView.of(session, member.id());
            }
            Instant now = Instant.now(clock).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            if (session.hasStarted(now)) {
                throw ApiProblem.conflict(Messages.get("session.registration-closed"));
            }
            if (post.hidden()) {
                throw ApiProblem.conflict(Messages.get("session.hidden.no-rsvp"));
            }
            boolean placeLeft = session.goingCount() < session.capacity();
            RsvpStatus status = placeLeft ? RsvpStatus.GOING : RsvpStatus.WAITLISTED;
            Update update = new Update().push(SessionFields.RSVPS, new Rsvp(member.id(), status, now, null))
                    .inc(placeLeft ? SessionFields.GOING_COUNT : SessionFields.WAITLIST_COUNT, 1)
                    .inc(SessionFields.RSVP_VERSION, 1);
            Outbox.append(update, PostsEvents.sessionRsvpChanged(postId, member.id(), status.name(), now));
            if (write(post, update)) {
                List<Rsvp> after = new ArrayList<>(session.rsvpList());
                after.add(new Rsvp(member.id(), status, now, null));
                return RsvpView.of(withRsvps(session, after), member.id());
            }
        }
        throw busy();
    }

    /**
     * Idempotent. Before the start, the place goes to the first waitlisted member (SessionRsvpChanged GOING for
     * them); once the session has started nobody is promoted, as they could no longer plan to come.
     */
    void cancel(String postId, CurrentMember member) {
        members.requireActive(member);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Post post = sessions.visibleTo(postId, member);
            Session session = post.session();
            if (session.rsvpOf(member.id()).isEmpty()) {
                return;
            }
            Instant now = Instant.now(clock).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            List<Rsvp> rsvps = new ArrayList<>(session.rsvpList());
            rsvps.removeIf(rsvp -> rsvp.memberId().equals(member.id()));
            List<PendingEvent> events = new ArrayList<>();
            events.add(PostsEvents.sessionRsvpChanged(postId, member.id(), "CANCELLED", now));
            if (!session.hasStarted(now)) {
                List<String> promoted = new ArrayList<>();
                rsvps = Session.promote(rsvps, session.capacity(), promoted);
                promoted.forEach(memberId -> events.add(
                        PostsEvents.sessionRsvpChanged(postId, memberId, RsvpStatus.GOING.name(), now)));
            }
            Update update = new Update().set(SessionFields.RSVPS, rsvps)
                    .set(SessionFields.GOING_COUNT, Session.count(rsvps, RsvpStatus.GOING))
                    .set(SessionFields.WAITLIST_COUNT, Session.count(rsvps, RsvpStatus.WAITLISTED))
                    .inc(SessionFields.RSVP_VERSION, 1);
            Outbox.append(update, events.toArray(PendingEvent[]::new));
            if (write(post, update)) {
                return;
            }
        }
        throw busy();
    }

    private boolean write(Post post, Update update) {
        Query asRead = Query.query(Criteria.where(PostFields.ID).is(post.id()).and(PostFields.DELETED).is(false)
                .and(SessionFields.RSVP_VERSION).is(post.session().rsvpVersion()));
        if (mongo.updateFirst(asRead, update, Post.class).getModifiedCount() == 1) {
            outboxRelay.wakeUp();
            return true;
        }
        return false;
    }

    static Session withRsvps(Session session, List<Rsvp> rsvps) {
        return new Session(session.startsAt(), session.endsAt(), session.place(), session.onlineUrl(),
                session.prefecture(), session.capacity(), Session.count(rsvps, RsvpStatus.GOING),
                Session.count(rsvps, RsvpStatus.WAITLISTED), rsvps, session.rsvpVersion() + 1);
    }

    static ApiProblem busy() {
        return ApiProblem.conflict(Messages.get("session.changed-meanwhile"));
    }
}
