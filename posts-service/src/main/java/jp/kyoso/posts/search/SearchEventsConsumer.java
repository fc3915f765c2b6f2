package jp.kyoso.posts.search;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import jp.kyoso.platform.consumer.InboundEvent;
import jp.kyoso.posts.events.PostsEvents;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Feeds this instance's search index from {@code kyoso.posts.v1}, so that every instance of posts-service answers
 * searches with everything any instance wrote.
 *
 * <p>Design: each instance has its own anonymous consumer group (a new group per process, starting at the end of the
 * topic) and rebuilds its index from MongoDB when the group gets its partitions. The events say which thread changed
 * and the thread is read again from MongoDB, because events carry only an excerpt of the body and the topic does not
 * keep the whole history. Starting from the end is safe: the consumer's positions are fixed before the rebuild reads
 * MongoDB, so every change is either in the rebuild or in an event after those positions.
 *
 * <p>Not {@code ProcessedEvents}: that records events per consumer name in the shared database, but here every
 * instance must handle every event; the reindex is idempotent, so a redelivered event costs one reindex. No dead
 * letters either: the indexer retries a failed reindex (and a failed rebuild) with backoff, and searches check every
 * hit's post against MongoDB, so a hidden or deleted post is never shown even while its reindex is pending.
 */
@Configuration
class SearchEventsConsumer {
    static final String BINDING = "postEventsForSearch-in-0";
    private static final Logger log = LoggerFactory.getLogger(SearchEventsConsumer.class);
    private static final Set<String> THREAD_CHANGES = Set.of(PostsEvents.POST_PUBLISHED, PostsEvents.POST_EDITED,
            PostsEvents.POST_DELETED, PostsEvents.POST_HIDDEN, PostsEvents.REPLY_ADDED, PostsEvents.QUESTION_SOLVED,
            PostsEvents.QUESTION_REOPENED);

    @Bean
    Consumer<Message<String>> postEventsForSearch(SearchIndexer indexer) {
        return message -> {
            InboundEvent event;
            try {
                event = InboundEvent.from(message);
            } catch (RuntimeException e) {
                log.warn("Ignoring a record on {} that is not an event: {}", PostsEvents.TOPIC, e.getMessage());
                return;
            }
            String postId = event.text("postId");
            if (postId != null && THREAD_CHANGES.contains(event.type())) {
                indexer.reindex(postId);
            }
        };
    }

    @Bean
    KafkaBindingRebalanceListener searchRebuildOnAssignment(SearchIndexer indexer) {
        AtomicBoolean rebuilt = new AtomicBoolean();
        return new KafkaBindingRebalanceListener() {
            @Override
            public void onPartitionsAssigned(String bindingName, org.apache.kafka.clients.consumer.Consumer<?, ?> consumer,
                                             Collection<TopicPartition> partitions, boolean initial) {
                if (!BINDING.equals(bindingName) || !rebuilt.compareAndSet(false, true)) {
                    return;
                }
                // position() resolves the start offsets now (the end of each partition for a new group), before the
                // rebuild reads MongoDB: nothing written after this point can be missed.
                for (TopicPartition partition : partitions) {
                    consumer.position(partition);
                }
                indexer.rebuild();
            }
        };
    }
}
