package jp.kyoso.posts.channel;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import jp.kyoso.platform.consumer.InboundEvent;
import jp.kyoso.posts.events.PostsEvents;
import jp.kyoso.posts.post.PostFields;
import jp.kyoso.posts.shared.Times;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Keeps each channel's count of visible posts (neither deleted nor hidden) on the channel document, so that listing
 * the channels reads the channels only. posts-service's own consumer of {@code kyoso.posts.v1} applies, per event:
 * PostPublished +1; PostDeleted -1 unless the post was hidden then (its hiding already took it off); PostHidden -1 or
 * +1 when the visibility changed ({@code visibilityChanged}).
 *
 * <p>Each change is one update of the channel document, conditional on the event being newer than what the count
 * holds ({@link #AS_OF}) and not among the last events it applied ({@link #APPLIED}, bounded): a redelivered event,
 * even one whose ProcessedEvents mark was lost in a crash, counts once, and events older than the count (history read
 * by a new consumer group) count not at all.
 *
 * <p>Channels that existed before the count was kept are counted once at start ({@link #countUncounted}): one
 * indexed count of the channel's visible posts, stamped with the time it was taken. A post written in the few
 * milliseconds between taking that time and counting could be missed by both; that is the price of not stopping
 * writes for the one-time count.
 */
@Component
public class ChannelPostCounts {
    static final String COUNT = "postCount";
    static final String AS_OF = "postCountAsOf";
    /** The ids of the last events applied to the count, newest last: a redelivery comes soon after its first copy. */
    static final String APPLIED = "postCountEvents";
    static final int REMEMBERED = 50;
    /** Channels counted per start at most (the community has about 130). */
    static final int BACKFILL_LIMIT = 1000;
    private static final Logger log = LoggerFactory.getLogger(ChannelPostCounts.class);
    private static final String CHANNELS = "channels";
    private static final Set<String> COUNTED = Set.of(PostsEvents.POST_PUBLISHED, PostsEvents.POST_DELETED,
            PostsEvents.POST_HIDDEN);

    private final MongoTemplate mongo;

    ChannelPostCounts(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Whether the event can change a count (a post published, deleted or hidden): the others are not even marked. */
    public static boolean counts(InboundEvent event) {
        return event.text("channelSlug") != null && COUNTED.contains(event.type());
    }

    /** Applies the event to its channel's count; any other event changes nothing. */
    public void apply(InboundEvent event) {
        String channel = event.text("channelSlug");
        if (channel == null) {
            return;
        }
        int delta = delta(event);
        if (delta == 0) {
            return;
        }
        Instant at = time(event);
        if (at == null) {
            log.warn("Event {} ({}) has no time: not counted", event.id(), event.type());
            return;
        }
        Query newer = Query.query(Criteria.where("_id").is(channel).and(AS_OF).lt(at).and(APPLIED).ne(event.id()));
        Update update = new Update().inc(COUNT, delta).push(APPLIED).slice(-REMEMBERED).each(event.id());
        mongo.updateFirst(newer, update, CHANNELS);
    }

    private int delta(InboundEvent event) {
        String type = event.type();
        if (PostsEvents.POST_PUBLISHED.equals(type)) {
            return 1;
        }
        if (PostsEvents.POST_DELETED.equals(type)) {
            // a deleted post is never hidden or shown again, so its document still says whether it was hidden
            Query query = Query.query(Criteria.where(PostFields.ID).is(event.text("postId")));
            query.fields().include(PostFields.HIDDEN);
            Document post = mongo.findOne(query, Document.class, "posts");
            return post != null && Boolean.TRUE.equals(post.getBoolean(PostFields.HIDDEN)) ? 0 : -1;
        }
        if (PostsEvents.POST_HIDDEN.equals(type)) {
            // events written before the field existed: take them as a change (what most of them are)
            boolean changed = !event.data().has("visibilityChanged")
                    || event.data().get("visibilityChanged").asBoolean();
            if (!changed) {
                return 0;
            }
            return event.data().get("hidden").asBoolean() ? -1 : 1;
        }
        return 0;
    }

    private static Instant time(InboundEvent event) {
        try {
            return event.time() == null ? null : Instant.parse(event.time());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Counts the channels that have no count yet (they existed before it was kept), once: the channels in the order
     * of their creation, bounded, on the index {@code uncounted} ({@code postCountAsOf: null} is the equality that
     * index serves; {@code $exists: false} is not served by any index); each count reads the feed index of one
     * channel's visible posts. Several instances starting at once write the first count only.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void countUncounted() {
        // the count's time is never set to null: null here is "missing", the channels never counted
        Query uncounted = Query.query(Criteria.where(AS_OF).is(null))
                .with(Sort.by(Sort.Direction.ASC, "createdAt", "_id")).limit(BACKFILL_LIMIT);
        uncounted.fields().include("_id");
        int counted = 0;
        try {
            for (Document channel : mongo.find(uncounted, Document.class, CHANNELS)) {
                String slug = channel.getString("_id");
                Instant asOf = Times.now();
                long count = mongo.count(Query.query(Criteria.where(PostFields.CHANNEL).is(slug)
                        .and(PostFields.DELETED).is(false).and(PostFields.HIDDEN).is(false)), "posts");
                counted += (int) mongo.updateFirst(Query.query(Criteria.where("_id").is(slug).and(AS_OF).exists(false)),
                        new Update().set(COUNT, count).set(AS_OF, asOf), CHANNELS).getModifiedCount();
            }
        } catch (RuntimeException e) {
            // the next start counts the rest; meanwhile those channels show 0
            log.warn("Could not count the posts of every channel: {}", e.getMessage());
        }
        if (counted > 0) {
            log.info("Counted the posts of {} channels that had no count yet", counted);
        }
    }
}
