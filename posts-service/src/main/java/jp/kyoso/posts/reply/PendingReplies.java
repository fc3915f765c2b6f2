package jp.kyoso.posts.reply;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import jp.kyoso.posts.member.Author;
import jp.kyoso.posts.member.MemberDirectory;
import jp.kyoso.posts.post.PostFields;
import jp.kyoso.posts.shared.ThreadChanged;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * How a reply is written without transactions, so that it can only land on a post that is open, and so that its
 * ReplyAdded event is ordered with the post's other events:
 * <ol>
 *   <li>one conditional update of the post (not deleted, not hidden) raises the reply count, appends ReplyAdded to
 *   the post's outbox and keeps the reply itself in the post's {@code pendingReplies};</li>
 *   <li>the reply is inserted into the replies collection (by its id, so a second insert changes nothing);</li>
 *   <li>it is removed from {@code pendingReplies}.</li>
 * </ol>
 * A crash after step 1 leaves the reply in the post: {@link #recover()} finishes steps 2 and 3 for replies pending
 * longer than {@link #GRACE}. Until then the reply is already searchable (the indexer reads pending replies too).
 */
@Component
class PendingReplies {
    /** Longer than a request takes between steps 1 and 3, so recovery does not race a live request (it would be harmless). */
    static final Duration GRACE = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(PendingReplies.class);
    private static final String POSTS = "posts";
    private static final int BATCH = 100;
    /** Exists exactly while the post has a reply pending (an emptied array has none): what the recovery looks for. */
    static final String PENDING_ID = PostFields.PENDING_REPLIES + "._id";

    private final MongoTemplate mongo;
    private final MemberDirectory members;
    private final ApplicationEventPublisher events;

    PendingReplies(MongoTemplate mongo, MemberDirectory members, ApplicationEventPublisher events) {
        this.mongo = mongo;
        this.members = members;
        this.events = events;
    }

    /** The reply as it is kept in the post until it is copied (the same fields as in the replies collection). */
    Document pending(Reply reply) {
        Document document = new Document();
        mongo.getConverter().write(reply, document);
        document.remove("_class");
        return document;
    }

    /** The reply with this id still pending in its post, or null. */
    Reply find(String postId, String replyId) {
        Query query = Query.query(Criteria.where(PostFields.ID).is(postId)
                .and(PostFields.PENDING_REPLIES + "._id").is(replyId));
        query.fields().include(PostFields.PENDING_REPLIES);
        Document post = mongo.findOne(query, Document.class, POSTS);
        if (post == null) {
            return null;
        }
        for (Document pending : post.getList(PostFields.PENDING_REPLIES, Document.class, List.of())) {
            if (replyId.equals(pending.get("_id"))) {
                return mongo.getConverter().read(Reply.class, pending);
            }
        }
        return null;
    }

    /** Steps 2 and 3. */
    void materialize(Reply reply) {
        try {
            mongo.insert(reply);
        } catch (DuplicateKeyException alreadyCopied) {
            // recovery (or a retry) copied it first: the same reply, nothing to do
        }
        mongo.updateFirst(Query.query(Criteria.where(PostFields.ID).is(reply.postId())),
                new Update().pull(PostFields.PENDING_REPLIES, new Document("_id", reply.id())), POSTS);
    }

    /** Finishes the replies that a crash left in their posts. Returns how many it finished. */
    @Scheduled(initialDelayString = "${kyoso.replies.recovery-interval:30s}",
            fixedDelayString = "${kyoso.replies.recovery-interval:30s}")
    public int recover() {
        Instant before = Instant.now().minus(GRACE);
        Query query = new Query(Criteria.where(PENDING_ID).exists(true)).limit(BATCH);
        query.fields().include(PostFields.PENDING_REPLIES);
        int finished = 0;
        try {
            for (Document post : mongo.find(query, Document.class, POSTS)) {
                for (Document pending : post.getList(PostFields.PENDING_REPLIES, Document.class, List.of())) {
                    Reply reply = mongo.getConverter().read(Reply.class, pending);
                    if (reply.createdAt() != null && reply.createdAt().isAfter(before)) {
                        continue;
                    }
                    // the author may have been renamed or have left meanwhile: the snapshot updates did not see it
                    Author author = members.current(reply.author());
                    materialize(new Reply(reply.id(), reply.postId(), reply.body(), author,
                            reply.mentionedMemberIds(), reply.createdAt(),
                            author.former() ? null : reply.organizationAtPosting(),
                            author.former() ? null : reply.organizationCodeAtPosting()));
                    events.publishEvent(ThreadChanged.replyAdded(reply.postId(), reply.id()));
                    finished++;
                }
            }
        } catch (RuntimeException e) {
            log.warn("Cannot finish pending replies now, will try again: {}", e.getMessage());
        }
        if (finished > 0) {
            log.info("Finished {} replies that were left pending", finished);
        }
        return finished;
    }
}
