package jp.kyoso.posts.outdated;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import jp.kyoso.platform.outbox.Outbox;
import jp.kyoso.platform.outbox.OutboxRelay;
import jp.kyoso.platform.security.CurrentMember;
import jp.kyoso.platform.web.ApiProblem;
import jp.kyoso.posts.Messages;
import jp.kyoso.posts.citation.KnowledgeAge;
import jp.kyoso.posts.events.PostsEvents;
import jp.kyoso.posts.member.MemberDirectory;
import jp.kyoso.posts.post.ModerationDecision;
import jp.kyoso.posts.post.OutdatedFlag;
import jp.kyoso.posts.post.OutdatedReview;
import jp.kyoso.posts.post.OutdatedView;
import jp.kyoso.posts.post.Post;
import jp.kyoso.posts.post.PostFields;
import jp.kyoso.posts.post.PostLookup;
import jp.kyoso.posts.shared.BadRequest;
import jp.kyoso.posts.shared.KeysetPaging;
import jp.kyoso.posts.shared.Page;
import jp.kyoso.posts.shared.PlainText;
import jp.kyoso.posts.shared.Times;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Members' flags that a post may be out of date (要確認: 法改正・通知の改正) and the moderators' review of them.
 *
 * <p>The review lives in the post's document ({@link OutdatedReview}); every flag, confirmation and clearing is one
 * update of it together with its event in the post's outbox (and, for a moderator's decision, its entry in the
 * history), conditional on the review's revision as it was read: of two flags at once, the second reads again, and
 * exactly one of them is the first open flag that notifies the author and watchers.
 *
 * <p>Search shows the banner from MongoDB at query time (search.PostSearch), as it shows whether a question is solved,
 * so nothing here needs the index.
 */
@Service
public class OutdatedFlags {
    private static final int ATTEMPTS = 5;

    private final MongoTemplate mongo;
    private final PostLookup lookup;
    private final MemberDirectory members;
    private final OutboxRelay outboxRelay;

    OutdatedFlags(MongoTemplate mongo, PostLookup lookup, MemberDirectory members, OutboxRelay outboxRelay) {
        this.mongo = mongo;
        this.lookup = lookup;
        this.members = members;
        this.outboxRelay = outboxRelay;
    }

    /**
     * Files the member's flag. One open flag per member and post: a second one is 409 until a moderator clears the
     * flags. A hidden post takes none (404 for members, 409 for moderators, as replies), a deleted one is 404.
     */
    FlagView flag(String postId, CurrentMember member, String reason, String link) {
        String why = reason.strip();
        String where = link(link);
        members.requireActive(member);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Post post = lookup.openForActivity(postId, member);
            OutdatedReview review = post.outdated();
            if (review != null && review.flaggedBy(member.id())) {
                throw ApiProblem.conflict(Messages.get("outdated.already-flagged"));
            }
            Instant now = Times.now();
            OutdatedFlag flag = new OutdatedFlag(UUID.randomUUID().toString(), member.id(), why, where, now,
                    OutdatedFlag.OPEN, null, null, null);
            boolean first = review == null || !review.open();
            List<OutdatedFlag> flags = new ArrayList<>(review == null || review.flags() == null ? List.of()
                    : review.flags());
            flags.add(flag);
            OutdatedReview next = first
                    ? new OutdatedReview(OutdatedReview.FLAGGED, 1, flags, revision(review) + 1, now, null, null, null)
                    : new OutdatedReview(review.status(), review.openFlags() + 1, flags, review.revision() + 1, now,
                    review.confirmedBy(), review.confirmedAt(), review.note());
            Update update = Outbox.append(new Update().set(PostFields.OUTDATED, next),
                    PostsEvents.postFlaggedOutdated(postId, post.channelSlug(), post.title(),
                            post.author().memberId(), flag.flagId(), member.id(), why, where, now, first));
            Query asRead = asRead(post).addCriteria(Criteria.where(PostFields.HIDDEN).is(false));
            if (mongo.updateFirst(asRead, update, Post.class).getModifiedCount() == 1) {
                outboxRelay.wakeUp();
                return new FlagView(flag.flagId(), postId, flag.status(), why, where, member.id(), now, first,
                        OutdatedView.of(next));
            }
            // flagged, confirmed, cleared, hidden or deleted meanwhile: read again
        }
        throw raced();
    }

    /**
     * A moderator confirms that the flagged post is out of date: the banner stays, marked 確認済み, until the flags are
     * cleared. 409 when it has no open flags; confirming a confirmed post again writes nothing.
     */
    Post confirm(String postId, CurrentMember moderator, String note) {
        members.requireActive(moderator);
        String said = note == null || note.isBlank() ? null : note.strip();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Post post = lookup.visibleTo(postId, moderator);
            OutdatedReview review = post.outdated();
            if (review == null || !review.open()) {
                throw ApiProblem.conflict(Messages.get("outdated.no-open-flags"));
            }
            if (OutdatedReview.CONFIRMED.equals(review.status())) {
                return post;
            }
            Instant now = Times.now();
            OutdatedReview next = new OutdatedReview(OutdatedReview.CONFIRMED, review.openFlags(), review.flags(),
                    review.revision() + 1, review.lastFlaggedAt(), moderator.id(), now, said);
            Update update = new Update().set(PostFields.OUTDATED, next).push(PostFields.DECISIONS,
                    decision(ModerationDecision.OUTDATED_CONFIRMED, said, moderator.id(), now));
            Outbox.append(update, PostsEvents.postOutdatedConfirmed(postId, post.channelSlug(), post.title(),
                    post.author().memberId(), moderator.id(), said, review.openFlagList().size(), now));
            if (mongo.updateFirst(asRead(post), update, Post.class).getModifiedCount() == 1) {
                outboxRelay.wakeUp();
                return lookup.visibleTo(postId, moderator);
            }
        }
        throw raced();
    }

    /**
     * A moderator clears the post's open flags (the law has not changed, or the post was brought up to date): no
     * banner any more, and the next flag notifies again. Clearing a post without open flags writes nothing.
     */
    Post clear(String postId, CurrentMember moderator, String note) {
        members.requireActive(moderator);
        String said = note == null || note.isBlank() ? null : note.strip();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Post post = lookup.visibleTo(postId, moderator);
            OutdatedReview review = post.outdated();
            if (review == null || !review.open()) {
                return post;
            }
            Instant now = Times.now();
            List<OutdatedFlag> flags = review.flags().stream().map(f -> f.cleared(moderator.id(), now, said)).toList();
            OutdatedReview next = new OutdatedReview(OutdatedReview.CLEARED, 0, flags, review.revision() + 1,
                    review.lastFlaggedAt(), null, null, null);
            Update update = new Update().set(PostFields.OUTDATED, next).push(PostFields.DECISIONS,
                    decision(ModerationDecision.OUTDATED_CLEARED, said, moderator.id(), now));
            Outbox.append(update, PostsEvents.postOutdatedCleared(postId, post.channelSlug(), post.title(),
                    post.author().memberId(), moderator.id(), said, review.openFlagList().size(), now));
            if (mongo.updateFirst(asRead(post), update, Post.class).getModifiedCount() == 1) {
                outboxRelay.wakeUp();
                return lookup.visibleTo(postId, moderator);
            }
        }
        throw raced();
    }

    enum ListState {
        /** Posts with open flags: FLAGGED and CONFIRMED. */
        OPEN,
        /** Open flags that no moderator has looked at yet. */
        FLAGGED,
        CONFIRMED,
        /** Posts whose flags were cleared (and that have not been flagged again since). */
        CLEARED
    }

    /** Newest flag first, with a keyset cursor on the time of the newest flag. Deleted posts are not listed. */
    Page<FlaggedPostView> list(ListState state, String cursor, int limit) {
        Criteria criteria = Criteria.where(PostFields.DELETED).is(false);
        switch (state) {
            case OPEN -> criteria.and(PostFields.OUTDATED_STATUS).in(OutdatedReview.FLAGGED, OutdatedReview.CONFIRMED);
            default -> criteria.and(PostFields.OUTDATED_STATUS).is(state.name());
        }
        Query query = KeysetPaging.after(new Query(criteria), cursor, PostFields.OUTDATED_LAST_FLAGGED_AT,
                Sort.Direction.DESC, limit);
        return KeysetPaging.page(mongo.find(query, Post.class), limit, OutdatedFlags::view,
                post -> post.outdated().lastFlaggedAt(), Post::id);
    }

    private static FlaggedPostView view(Post post) {
        OutdatedReview review = post.outdated();
        List<FlaggedPostView.FlagEntry> flags = review.flags() == null ? List.of() : review.flags().stream()
                .map(f -> new FlaggedPostView.FlagEntry(f.flagId(), f.flaggedBy(), f.reason(), f.link(), f.at(),
                        f.status(), f.clearedBy(), f.clearedAt(), f.clearNote()))
                .toList();
        return new FlaggedPostView(post.id(), post.channelSlug(), post.title(), PlainText.excerpt(post.body()),
                post.author().view(), post.hidden(), post.createdAt(),
                post.citations() == null ? List.of() : post.citations(),
                KnowledgeAge.current().mayBeOutdated(post.citations(), post.createdAt()), review.status(),
                OutdatedView.of(review), flags);
    }

    /** The optional link: an absolute http or https URL with a host, else 400. */
    private static String link(String link) {
        if (link == null || link.isBlank()) {
            return null;
        }
        String value = link.strip();
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return value;
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        throw BadRequest.field("link", Messages.get("outdated.link.invalid"));
    }

    /** Matches the post while it is not deleted and its review is still the one that was read. */
    private static Query asRead(Post post) {
        Criteria criteria = Criteria.where(PostFields.ID).is(post.id()).and(PostFields.DELETED).is(false);
        if (post.outdated() == null) {
            criteria.and(PostFields.OUTDATED).is(null);
        } else {
            criteria.and(PostFields.OUTDATED_REVISION).is(post.outdated().revision());
        }
        return Query.query(criteria);
    }

    private static long revision(OutdatedReview review) {
        return review == null ? 0 : review.revision();
    }

    private static ModerationDecision decision(String action, String note, String by, Instant at) {
        return new ModerationDecision(UUID.randomUUID().toString(), action, note, by, at);
    }

    private static ApiProblem raced() {
        return ApiProblem.conflict(Messages.get("post.changed-meanwhile"));
    }
}
