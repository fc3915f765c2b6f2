package jp.kyoso.members.activity;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.function.Consumer;
import jp.kyoso.members.funnel.EarliestTimes;
import jp.kyoso.members.funnel.FunnelMilestones;
import jp.kyoso.members.support.Times;
import jp.kyoso.platform.consumer.InboundEvent;
import jp.kyoso.platform.consumer.InvalidEventException;
import jp.kyoso.platform.consumer.ProcessedEvents;
import jp.kyoso.platform.consumer.TrustedSources;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * members-service's projection of {@code kyoso.posts.v1}: whether a member has ever posted or replied, for the
 * directory's {@code neverPosted} filter and the never-posted list (the community manager nudges newcomers with it),
 * and the activation funnel's milestones ({@link FunnelMilestones}). Every effect is idempotent by itself
 * ({@code $min} of {@code firstPostedAt} and the milestones, see {@link EarliestTimes}), so a redelivered event changes
 * nothing, and an event that cannot change anything (a member who posted before) writes nothing, not even its
 * processed mark. One consumer group for all of it: a second binding in the same group would split the partitions.
 */
@Configuration
class PostActivityProjection {
    static final String CONSUMER = "members-service.post-activity";
    private static final String POST_PUBLISHED = "kyoso.posts.PostPublished.v1";
    private static final String REPLY_ADDED = "kyoso.posts.ReplyAdded.v1";
    private static final String ATTENDANCE_MARKED = "kyoso.posts.SessionAttendanceMarked.v1";
    private static final Set<String> AUTHORED = Set.of(POST_PUBLISHED, REPLY_ADDED);
    private static final String FIRST_POSTED_AT = "firstPostedAt";

    @Bean
    Consumer<Message<String>> postActivity(ProcessedEvents processedEvents, EarliestTimes earliestTimes,
                                           FunnelMilestones milestones, TrustedSources trustedSources) {
        return message -> {
            InboundEvent event = trustedSources.accept(message);
            if (ATTENDANCE_MARKED.equals(event.type())) {
                attendance(event, processedEvents, milestones);
                return;
            }
            if (!AUTHORED.contains(event.type())) {
                return;
            }
            String authorId = event.text("authorId");
            if (authorId == null || authorId.isBlank()) {
                throw new InvalidEventException("event " + event.id() + " (" + event.type() + ") has no authorId");
            }
            Instant postedAt = postedAt(event);
            EarliestTimes.Lowering lowering = earliestTimes.lowering().lower(authorId, FIRST_POSTED_AT, postedAt);
            if (POST_PUBLISHED.equals(event.type())) {
                milestones.postPublished(lowering, authorId, event.text("kind"), postedAt);
            } else {
                milestones.replyAdded(lowering, authorId, event.text("postAuthorId"), postedAt);
            }
            if (!lowering.isEmpty()) {
                processedEvents.handleOnce(CONSUMER, event, lowering::write);
            }
        };
    }

    private static void attendance(InboundEvent event, ProcessedEvents processedEvents, FunnelMilestones milestones) {
        String memberId = event.text("memberId");
        if (memberId == null || memberId.isBlank()) {
            throw new InvalidEventException("event " + event.id() + " (" + event.type() + ") has no memberId");
        }
        if (event.data().path("attended").asBoolean(false)) {
            processedEvents.handleOnce(CONSUMER, event, () -> milestones.attended(memberId));
        }
    }

    /**
     * When the post or reply was written, for the funnel's milestones; for history imported from another platform
     * (posts-service's imports, {@code imported: true}), when it was imported (the event's time): written there years
     * before the member joined here, it would put their first post before their registration.
     */
    private static Instant postedAt(InboundEvent event) {
        String createdAt = event.data().path("imported").asBoolean(false) ? event.time() : event.text("createdAt");
        if (createdAt == null) {
            return Times.now();
        }
        try {
            return OffsetDateTime.parse(createdAt).toInstant();
        } catch (DateTimeParseException e) {
            return Times.now();
        }
    }
}
