package jp.kyoso.posts.post;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import jp.kyoso.posts.shared.Times;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Erases what a deleted post said once it has been deleted for {@code kyoso.posts.retention.deleted-body-after}
 * (default 30 days): the body, the earlier versions kept as revisions and the citations found in them. The document
 * stays as the thread's tombstone (id, channel, title, author, times, reply count, moderation history), so the replies,
 * the decisions and the counts that point at it keep their shape; a deleted post is shown to nobody anyway.
 *
 * <p>Each run erases at most {@value #BATCH} posts, oldest deletion first, found by the index of deleted posts
 * ({@link PostIndexes}); each erasure is one update conditional on the post being deleted and not erased yet.
 */
@Component
public class DeletedPostPurge {
    static final int BATCH = 200;
    private static final Logger log = LoggerFactory.getLogger(DeletedPostPurge.class);

    private final MongoTemplate mongo;
    private final Duration after;
    private final boolean enabled;

    DeletedPostPurge(MongoTemplate mongo,
                     @Value("${kyoso.posts.retention.deleted-body-after:30d}") Duration after,
                     @Value("${kyoso.posts.retention.enabled:true}") boolean enabled) {
        this.mongo = mongo;
        this.after = after;
        this.enabled = enabled;
    }

    @Scheduled(initialDelayString = "${kyoso.posts.retention.purge-interval:1h}",
            fixedDelayString = "${kyoso.posts.retention.purge-interval:1h}")
    void scheduled() {
        if (!enabled) {
            return;
        }
        try {
            int erased = purgeDeletedBefore(Times.now().minus(after));
            if (erased > 0) {
                log.info("Erased the body of {} posts deleted more than {} ago", erased, after);
            }
        } catch (RuntimeException e) {
            log.warn("Could not erase the bodies of old deleted posts now, will try again: {}", e.getMessage());
        }
    }

    /** One bounded batch: erases posts deleted before the cutoff; returns how many. */
    public int purgeDeletedBefore(Instant cutoff) {
        Query due = Query.query(Criteria.where(PostFields.DELETED).is(true).and(PostFields.BODY_ERASED_AT).is(null)
                .and(PostFields.DELETED_AT).lt(cutoff))
                .with(Sort.by(Sort.Direction.ASC, PostFields.DELETED_AT)).limit(BATCH);
        due.fields().include(PostFields.ID);
        int erased = 0;
        for (Document post : mongo.find(due, Document.class, "posts")) {
            Query stillDue = Query.query(Criteria.where(PostFields.ID).is(post.get(PostFields.ID))
                    .and(PostFields.DELETED).is(true).and(PostFields.BODY_ERASED_AT).is(null));
            Update erase = new Update().set(PostFields.BODY, "").set(PostFields.REVISIONS, List.of())
                    .set(PostFields.CITATIONS, List.of()).set(PostFields.BODY_ERASED_AT, Times.now());
            erased += (int) mongo.updateFirst(stillDue, erase, "posts").getModifiedCount();
        }
        return erased;
    }
}
