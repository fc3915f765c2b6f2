package jp.kyoso.posts.post;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import jp.kyoso.platform.outbox.Outbox;
import jp.kyoso.platform.outbox.OutboxRelay;
import jp.kyoso.platform.outbox.PendingEvent;
import jp.kyoso.platform.security.CurrentMember;
import jp.kyoso.platform.web.ApiProblem;
import jp.kyoso.platform.web.ProblemTexts;
import jp.kyoso.posts.Messages;
import jp.kyoso.posts.channel.Channel;
import jp.kyoso.posts.channel.Channels;
import jp.kyoso.posts.channel.PostingPolicy;
import jp.kyoso.posts.citation.CitationFinder;
import jp.kyoso.posts.events.PostsEvents;
import jp.kyoso.posts.member.Author;
import jp.kyoso.posts.member.AuthorAtPosting;
import jp.kyoso.posts.member.MemberDirectory;
import jp.kyoso.posts.mention.Mentions;
import jp.kyoso.posts.session.Session;
import jp.kyoso.posts.session.SessionFields;
import jp.kyoso.posts.session.SessionRequest;
import jp.kyoso.posts.session.SessionRules;
import jp.kyoso.posts.session.SessionSchedule;
import jp.kyoso.posts.session.SessionUpdates;
import jp.kyoso.posts.shared.BadRequest;
import jp.kyoso.posts.shared.IdempotencyKey;
import jp.kyoso.posts.shared.PlainText;
import jp.kyoso.posts.shared.ThreadChanged;
import jp.kyoso.posts.shared.Times;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Publishing, editing and deleting posts. Each change and its event are one single-document write (the event in the
 * post's outbox), so neither can exist without the other.
 */
@Service
public class Posts {
    private static final int EDIT_ATTEMPTS = 5;
    /**
     * The revisions a post keeps, newest last: each edit pushes the replaced version and drops the oldest beyond
     * these ({@code $push} with {@code $slice}), so a post edited a thousand times stays a bounded document. The
     * numbers go on counting (the 21st edit keeps revisions 2 to 21).
     */
    public static final int KEPT_REVISIONS = 20;

    private final MongoTemplate mongo;
    private final Channels channels;
    private final MemberDirectory members;
    private final Mentions mentions;
    private final PostLookup lookup;
    private final OutboxRelay outboxRelay;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public Posts(MongoTemplate mongo, Channels channels, MemberDirectory members, Mentions mentions,
                 PostLookup lookup, OutboxRelay outboxRelay, ApplicationEventPublisher events, Clock clock) {
        this.clock = clock;
        this.mongo = mongo;
        this.channels = channels;
        this.members = members;
        this.mentions = mentions;
        this.lookup = lookup;
        this.outboxRelay = outboxRelay;
        this.events = events;
    }

    /**
     * With an {@link IdempotencyKey} the post's id comes from the member and the key, so a retry finds the post of
     * the first request (before it starts, or by the duplicate id of the insert when both run at once) and answers
     * it again, writing nothing and publishing no second event.
     */
    public Post publish(CurrentMember member, CreatePostRequest request, IdempotencyKey key) {
        PostInput input = PostInput.check().title(request.title()).body(request.body());
        List<String> tags = input.tags(request.tags() == null ? List.of() : request.tags());
        PostKind kind = PostKind.valueOf(request.kind());
        SessionSchedule schedule = newSession(kind, request.session(), input);
        input.orThrow();
        String id = key == null ? UUID.randomUUID().toString() : key.idFor("post", member.id());
        if (key != null) {
            Post first = mongo.findById(id, Post.class);
            if (first != null) {
                return sameAgain(first, member, request, kind, tags);
            }
        }
        // well-formed but naming nothing: 422, as every reference to something that does not exist (README.md)
        Channel channel = channels.find(request.channel()).orElseThrow(() -> ApiProblem.invalid("channel",
                Messages.get("channel.not-found")));
        if (channel.archived()) {
            throw ApiProblem.conflict(Messages.get("post.channel.archived"));
        }
        if (!member.isModerator() && channel.postingPolicy() == PostingPolicy.MODERATORS) {
            throw ApiProblem.forbidden(Messages.get("post.channel.moderators-only"));
        }
        if (!member.isModerator() && kind == PostKind.ANNOUNCEMENT) {
            throw ApiProblem.forbidden(Messages.get("post.announcement.moderators-only"));
        }
        if (!member.isModerator() && kind == PostKind.SESSION) {
            throw ApiProblem.forbidden(Messages.get("post.session.create.moderators-only"));
        }
        AuthorAtPosting writer = members.atPosting(member);
        Author author = writer.author();
        List<String> mentioned = mentions.resolve(request.body(), member.id());
        Instant now = Times.now();
        String title = request.title().strip();
        PendingEvent published = PostsEvents.postPublished(id, channel.slug(), kind.name(), title,
                PlainText.excerpt(request.body()), tags, member.id(), mentioned, now);
        List<PendingEvent> outbox = new ArrayList<>(List.of(published));
        if (schedule != null) {
            outbox.add(SessionUpdates.scheduled(id, channel.slug(), title, schedule, member.id(), now));
        }
        Post post = new Post(id, channel.slug(), kind, title, request.body(), tags, author, now, null, null, now, 0,
                Map.of(), mentioned, List.of(), false, null, null, false, null, null, List.of(), 0, 0, 0, null, 0,
                schedule == null ? null : Session.scheduled(schedule), null, List.of(), null,
                CitationFinder.find(title, request.body()), null, writer.organization(), writer.organizationCode(),
                outbox);
        try {
            mongo.insert(post);
        } catch (DuplicateKeyException retried) {
            if (key == null) {
                throw retried;
            }
            // the same request at the same time: the other one's insert won
            return sameAgain(mongo.findById(id, Post.class), member, request, kind, tags);
        }
        afterWrite(id);
        return post;
    }

    /**
     * The first post of an Idempotency-Key, as it is now, when this request asks for the same post (compared with
     * its content as first published, since it may have been edited since); 409 when it asks for another.
     */
    private Post sameAgain(Post first, CurrentMember member, CreatePostRequest request, PostKind kind,
                           List<String> tags) {
        boolean edited = first.revisions() != null && !first.revisions().isEmpty();
        Revision published = edited ? first.revisions().get(0) : null;
        if (edited && published.number() != 1) {
            // edited more than KEPT_REVISIONS times since: the content as first published is gone, the rest decides
            published = new Revision(1, request.title().strip(), request.body(), tags, null, null, null, null);
        }
        boolean same = first.isAuthor(member.id()) && first.channelSlug().equals(request.channel())
                && first.kind() == kind
                && request.title().strip().equals(edited ? published.title() : first.title())
                && request.body().equals(edited ? published.body() : first.body())
                && Objects.equals(tags, edited ? published.tags() : first.tags());
        if (!same) {
            throw IdempotencyKey.usedForAnotherRequest();
        }
        return lookup.visibleTo(first.id(), member);
    }

    public Post edit(String postId, CurrentMember editor, EditPostRequest request) {
        if (request.title() == null && request.body() == null && request.tags() == null && request.session() == null) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, ProblemTexts.invalidInput(),
                    Messages.get("post.edit.nothing-to-change"));
        }
        PostInput input = PostInput.check().title(request.title()).body(request.body());
        List<String> requestedTags = input.tags(request.tags());
        input.orThrow();
        members.requireActive(editor);
        for (int attempt = 0; attempt < EDIT_ATTEMPTS; attempt++) {
            Post post = lookup.visibleTo(postId, editor);
            requireAuthorOrModerator(post, editor, Messages.get("post.edit.author-or-moderator"));
            String title = request.title() == null ? post.title() : request.title().strip();
            String body = request.body() == null ? post.body() : request.body();
            List<String> tags = requestedTags == null ? post.tags() : requestedTags;
            SessionSchedule schedule = editedSession(post, editor, request.session());
            boolean contentChanges = !title.equals(post.title()) || !body.equals(post.body())
                    || !Objects.equals(tags, post.tags());
            boolean sessionChanges = schedule != null && !schedule.equals(post.session().schedule());
            if (!contentChanges && !sessionChanges) {
                return post;
            }
            Instant now = Times.now();
            List<PendingEvent> pending = new ArrayList<>();
            Update update = new Update().inc(PostFields.VERSION, 1);
            Query unchanged = Query.query(Criteria.where(PostFields.ID).is(postId).and(PostFields.VERSION)
                    .is(post.version()).and(PostFields.DELETED).is(false));
            if (contentChanges) {
                pending.add(contentEdit(update, post, editor, title, body, tags, now));
            }
            if (sessionChanges) {
                // the capacity decides who gets a place: an RSVP read before this edit must read again
                unchanged.addCriteria(Criteria.where(SessionFields.RSVP_VERSION).is(post.session().rsvpVersion()));
                SessionUpdates.reschedule(update, postId, post.session(), schedule, now, pending);
            }
            if (post.session() != null && (sessionChanges || !title.equals(post.title()))) {
                // the title, time and place travel in SessionScheduled: reminders show what holds now
                pending.add(SessionUpdates.scheduled(postId, post.channelSlug(), title,
                        schedule == null ? post.session().schedule() : schedule, post.author().memberId(), now));
            }
            // one append: a second push to the same field in one Update would replace the first
            Outbox.append(update, pending.toArray(PendingEvent[]::new));
            if (mongo.updateFirst(unchanged, update, Post.class).getModifiedCount() == 1) {
                afterWrite(postId);
                return lookup.visibleTo(postId, editor);
            }
            // someone else edited (or deleted) it, or an RSVP changed the session, meanwhile: start again
        }
        throw ApiProblem.conflict(Messages.get("post.edited-meanwhile"));
    }

    /** The revision, the new content and PostEdited. */
    private PendingEvent contentEdit(Update update, Post post, CurrentMember editor, String title, String body,
                                     List<String> tags, Instant now) {
        String postId = post.id();
        List<String> newlyMentioned = new ArrayList<>(mentions.resolve(body, post.author().memberId()));
        newlyMentioned.removeAll(post.mentionedMemberIds() == null ? List.of() : post.mentionedMemberIds());
        int number = lastRevisionNumber(post) + 1;
        Revision previous = new Revision(number, post.title(), post.body(), post.tags(),
                post.editedBy() == null ? post.author().memberId() : post.editedBy(),
                post.editedAt() == null ? post.createdAt() : post.editedAt(), editor.id(), now);
        update.set(PostFields.TITLE, title).set(PostFields.BODY, body)
                .set(PostFields.TAGS, tags).set(PostFields.EDITED_AT, now).set(PostFields.EDITED_BY, editor.id())
                .set(PostFields.CITATIONS, CitationFinder.find(title, body))
                .push(PostFields.REVISIONS).slice(-KEPT_REVISIONS).each(previous);
        if (!newlyMentioned.isEmpty()) {
            update.addToSet(PostFields.MENTIONED).each(newlyMentioned.toArray());
        }
        return PostsEvents.postEdited(postId, post.channelSlug(), title, PlainText.excerpt(body),
                tags, editor.id(), post.author().memberId(), newlyMentioned, now);
    }

    /** The schedule of a new post: required for a session, refused for any other kind. */
    private SessionSchedule newSession(PostKind kind, SessionRequest request, PostInput input) {
        if (kind == PostKind.SESSION && request == null) {
            input.problems().add(new ApiProblem.FieldProblem("session",
                    Messages.get("post.session.required")));
            return null;
        }
        if (kind != PostKind.SESSION && request != null) {
            input.problems().add(new ApiProblem.FieldProblem("session",
                    Messages.get("post.session.only-for-sessions")));
            return null;
        }
        return request == null ? null : SessionRules.check(request, null, clock.instant(), input.problems());
    }

    /** The schedule an edit asks for (null when it does not touch the session), checked against the stored one. */
    private SessionSchedule editedSession(Post post, CurrentMember editor, SessionRequest request) {
        if (request == null) {
            return null;
        }
        if (post.session() == null) {
            throw BadRequest.field("session", Messages.get("post.session.only-for-sessions"));
        }
        if (!editor.isModerator()) {
            throw ApiProblem.forbidden(Messages.get("post.session.change.moderators-only"));
        }
        PostInput input = PostInput.check();
        SessionSchedule schedule = SessionRules.check(request, post.session().schedule(), clock.instant(),
                input.problems());
        input.orThrow();
        return schedule;
    }

    public void delete(String postId, CurrentMember member) {
        members.requireActive(member);
        Post post = lookup.visibleTo(postId, member);
        requireAuthorOrModerator(post, member, Messages.get("post.delete.author-or-moderator"));
        Instant now = Times.now();
        Update update = new Update().set(PostFields.DELETED, true).set(PostFields.DELETED_AT, now)
                .set(PostFields.DELETED_BY, member.id());
        Outbox.append(update, PostsEvents.postDeleted(postId, post.channelSlug(), member.id(), now));
        Query notDeleted = Query.query(Criteria.where(PostFields.ID).is(postId).and(PostFields.DELETED).is(false));
        if (mongo.updateFirst(notDeleted, update, Post.class).getModifiedCount() == 0) {
            throw PostLookup.notFound();
        }
        afterWrite(postId);
    }

    public List<RevisionView> revisions(String postId, CurrentMember member) {
        Post post = lookup.visibleTo(postId, member);
        requireAuthorOrModerator(post, member, Messages.get("post.revisions.author-or-moderator"));
        List<RevisionView> views = new ArrayList<>();
        for (Revision revision : post.revisions() == null ? List.<Revision>of() : post.revisions()) {
            views.add(new RevisionView(revision.number(), revision.title(), revision.body(), revision.tags(),
                    revision.writtenBy(), revision.writtenAt(), false));
        }
        views.add(new RevisionView(lastRevisionNumber(post) + 1, post.title(), post.body(), post.tags(),
                post.editedBy() == null ? post.author().memberId() : post.editedBy(),
                post.editedAt() == null ? post.createdAt() : post.editedAt(), true));
        return views;
    }

    /** The number of the newest kept revision (0 for a post never edited): older ones may have been dropped. */
    private static int lastRevisionNumber(Post post) {
        List<Revision> kept = post.revisions();
        return kept == null || kept.isEmpty() ? 0 : kept.get(kept.size() - 1).number();
    }

        private static void requireAuthorOrModerator(Post post, CurrentMember member, String message) {
        if (!post.isAuthor(member.id()) && !member.isModerator()) {
            throw ApiProblem.forbidden(message);
        }
    }

    private void afterWrite(String postId) {
        // the events went into the post's own document
        outboxRelay.wakeUp(PostFields.COLLECTION, postId);
        events.publishEvent(new ThreadChanged(postId));
    }
}
