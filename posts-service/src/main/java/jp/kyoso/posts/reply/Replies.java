package jp.kyoso.posts.reply;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import jp.kyoso.platform.outbox.Outbox;
import jp.kyoso.platform.outbox.OutboxRelay;
import jp.kyoso.platform.security.CurrentMember;
import jp.kyoso.platform.web.ApiProblem;
import jp.kyoso.posts.Messages;
import jp.kyoso.posts.events.PostsEvents;
import jp.kyoso.posts.member.AuthorAtPosting;
import jp.kyoso.posts.member.MemberDirectory;
import jp.kyoso.posts.mention.Mentions;
import jp.kyoso.posts.post.PostFields;
import jp.kyoso.posts.post.PostInput;
import jp.kyoso.posts.post.PostLookup;
import jp.kyoso.posts.post.ThreadHead;
import jp.kyoso.posts.shared.IdempotencyKey;
import jp.kyoso.posts.shared.KeysetPaging;
import jp.kyoso.posts.shared.Page;
import jp.kyoso.posts.shared.PlainText;
import jp.kyoso.posts.shared.ThreadChanged;
import jp.kyoso.posts.shared.Times;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/** Replies: a flat thread per post, oldest first. */
@Service
class Replies {
    private final MongoTemplate mongo;
    private final PostLookup lookup;
    private final MemberDirectory members;
    private final Mentions mentions;
    private final PendingReplies pendingReplies;
    private final OutboxRelay outboxRelay;
    private final ApplicationEventPublisher events;

    static final int KEPT_KEYED_REPLY_IDS = 100;

    Replies(MongoTemplate mongo, PostLookup lookup, MemberDirectory members, Mentions mentions,
            PendingReplies pendingReplies, OutboxRelay outboxRelay, ApplicationEventPublisher events) {
        this.mongo = mongo;
        this.lookup = lookup;
        this.members = members;
        this.mentions = mentions;
        this.pendingReplies = pendingReplies;
        this.outboxRelay = outboxRelay;
        this.events = events;
    }

    /**
     * The reply, its count, the last activity and ReplyAdded are one conditional update of the post, which matches
     * only while the post is neither deleted nor hidden: a reply never lands on a post that was closed after it was
     * read. See {@link PendingReplies} for the rest of the write.
     *
     * <p>With an {@link IdempotencyKey} the reply's id comes from the post, the member and the key, and the update
     * also matches only while that id is neither among the post's {@code keyedReplyIds} (added in it) nor pending in
     * it: a retry, even one running at the same time, finds the first reply (copied, before the update; still pending,
     * or copied meanwhile, when the update did not match) and answers it again, with no second reply, count or
     * ReplyAdded. Looking for a pending reply only when the update did not match saves each reply a read of its post.
     * Only the last {@value #KEPT_KEYED_REPLY_IDS} such ids are kept: they guard against two requests at the same
     * moment (a retry after the first has finished finds its reply by id), and keeping every one made a busy thread's
     * post grow by each reply and be read and rewritten whole at each (n² for the thread).
     */
    Reply add(String postId, CurrentMember member, CreateReplyRequest request, IdempotencyKey key) {
        PostInput.check().body(request.body()).orThrow();
        String replyId = key == null ? UUID.randomUUID().toString() : key.idFor("reply:" + postId, member.id());
        // a reply still pending in its post is found by the update's condition below, and then read
        Reply first = key == null ? null : mongo.findById(replyId, Reply.class);
        if (first != null) {
            return sameAgain(first, member, request);
        }
        ThreadHead post = lookup.headOpenForActivity(postId, member);
        AuthorAtPosting writer = members.atPosting(member);
        List<String> mentioned = mentions.resolve(request.body(), member.id());
        Instant now = Times.now();
        Reply reply = new Reply(replyId, postId, request.body(), writer.author(), mentioned, now,
                writer.organization(), writer.organizationCode());
        Update update = new Update().inc(PostFields.REPLY_COUNT, 1).max(PostFields.LAST_ACTIVITY_AT, now)
                .push(PostFields.PENDING_REPLIES, pendingReplies.pending(reply));
        if (!post.isAuthor(member.id())) {
            // a question's first answer, for the moderators' unanswered list and answer times
            update.min(PostFields.FIRST_ANSWER_AT, now);
        }
        Outbox.append(update, PostsEvents.replyAdded(postId, reply.id(), post.channelSlug(), post.title(),
                post.author().memberId(), member.id(), PlainText.excerpt(request.body()), mentioned, now));
        Query open = Query.query(Criteria.where(PostFields.ID).is(postId).and(PostFields.DELETED).is(false)
                .and(PostFields.HIDDEN).is(false));
        if (key != null) {
            open.addCriteria(Criteria.where(PostFields.KEYED_REPLY_IDS).ne(replyId));
            open.addCriteria(Criteria.where(PendingReplies.PENDING_ID).ne(replyId));
            update.push(PostFields.KEYED_REPLY_IDS).slice(-KEPT_KEYED_REPLY_IDS).each(replyId);
        }
        // By the collection's name, not Post.class: pendingReplies, keyedReplyIds and firstAnswerAt are no properties
        // of Post, and Spring Data's query mapper built (and dropped) a PropertyReferenceException, stack trace and
        // all, for each of them on every call; mapping this update was 9 % of posts-service's CPU at 50 replies a
        // second, half of it those exceptions. The waiting event now carries Spring Data's _class hint, which the
        // relay (it reads the event's own fields) and Post's reads (the same class) take as it is.
        if (mongo.updateFirst(open, update, PostFields.COLLECTION).getModifiedCount() == 0) {
            first = key == null ? null : written(postId, replyId);
            if (first != null) {
                // the same request at the same time: the other one's update won
                return sameAgain(first, member, request);
            }
            // deleted or hidden since it was read: the same answer as if it had been so already
            lookup.headOpenForActivity(postId, member);
            throw ApiProblem.conflict(Messages.get("post.changed-meanwhile"));
        }
        pendingReplies.materialize(reply);
        outboxRelay.wakeUp(PostFields.COLLECTION, postId);
        events.publishEvent(ThreadChanged.replyAdded(postId, reply.id(), new ThreadChanged.WrittenReply(
                post.channelSlug(), post.kind().name(), post.title(), post.solved(), reply.body(), reply.createdAt())));
        return reply;
    }

    /**
     * The reply with this id, still pending in the post or copied to the replies collection; null if none. Pending
     * first: it is copied before it leaves the post, so a reply that leaves between the two reads is found copied.
     */
    private Reply written(String postId, String replyId) {
        Reply pending = pendingReplies.find(postId, replyId);
        return pending != null ? pending : mongo.findById(replyId, Reply.class);
    }

    /** The first reply of an Idempotency-Key when this request asks for the same reply; 409 when it asks for another. */
    private Reply sameAgain(Reply first, CurrentMember member, CreateReplyRequest request) {
        if (!first.author().memberId().equals(member.id()) || !first.body().equals(request.body())) {
            throw IdempotencyKey.usedForAnotherRequest();
        }
        // a thread deleted (or hidden) since: answered as if the reply were asked for now
        lookup.headVisibleTo(first.postId(), member);
        return first;
    }

    Page<ReplyView> list(String postId, CurrentMember member, String cursor, int limit) {
        ThreadHead post = lookup.headVisibleTo(postId, member);
        String answerId = post.solved() ? post.answer().replyId() : null;
        Query query = KeysetPaging.after(Query.query(Criteria.where("postId").is(postId)), cursor, "createdAt",
                Sort.Direction.ASC, limit);
        return KeysetPaging.page(mongo.find(query, Reply.class), limit,
                reply -> ReplyView.of(reply, reply.id().equals(answerId)), Reply::createdAt, Reply::id);
    }
}
