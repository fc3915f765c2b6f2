package jp.kyoso.members.activity;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.function.Consumer;
import jp.kyoso.members.member.Member;
import jp.kyoso.members.support.Times;
import jp.kyoso.platform.consumer.InboundEvent;
import jp.kyoso.platform.consumer.InvalidEventException;
import jp.kyoso.platform.consumer.ProcessedEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.messaging.Message;

/**
 * members-service's projection of {@code kyoso.posts.v1}: whether a member has ever posted or replied, for the
 * directory's {@code neverPosted} filter (the community manager nudges newcomers with it). The effect, setting
 * {@code firstPostedAt} only where it is missing, is idempotent by itself, so a redelivered event changes nothing.
 */
@Configuration
class PostActivityProjection {
    static final String CONSUMER = "members-service.post-activity";
    private static final Set<String> AUTHORED = Set.of("kyoso.posts.PostPublished.v1", "kyoso.posts.ReplyAdded.v1");

    @Bean
    Consumer<Message<String>> postActivity(ProcessedEvents processedEvents, MongoTemplate mongo) {
        return message -> {
            InboundEvent event = InboundEvent.from(message);
            if (!AUTHORED.contains(event.type())) {
                return;
            }
            String authorId = event.text("authorId");
            if (authorId == null || authorId.isBlank()) {
                throw new InvalidEventException("event " + event.id() + " (" + event.type() + ") has no authorId");
            }
            Instant postedAt = postedAt(event);
            processedEvents.handleOnce(CONSUMER, event, () -> mongo.updateFirst(
                    Query.query(Criteria.where("_id").is(authorId).and("firstPostedAt").exists(false)),
                    new Update().set("firstPostedAt", postedAt), Member.class));
        };
    }

    private static Instant postedAt(InboundEvent event) {
        String createdAt = event.text("createdAt");
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
