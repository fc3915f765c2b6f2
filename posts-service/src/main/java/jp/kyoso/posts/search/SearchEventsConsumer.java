package jp.kyoso.posts.search;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import jp.kyoso.platform.consumer.InboundEvent;
import jp.kyoso.platform.consumer.TrustedSources;
import jp.kyoso.platform.consumer.UntrustedSourceException;
import jp.kyoso.posts.events.PostsEvents;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * Feeds this instance's search index from {@code kyoso.posts.v1}, so that every instance of posts-service answers
 * searches with everything any instance wrote.
 *
 * <p>Design: each instance has its own anonymous consumer group (a new group per process) and its own index on disk.
 * When the group gets its partitions, the consumer starts where the index's last commit left off
 * ({@link EventPosition}) and the instance is ready once it has applied the events up to the end the topic had then.
 * Only when the index cannot say (a new or unreadable directory, another schema version) or the topic no longer holds
 * the events from there is the index rebuilt from MongoDB, with the consumer at the end of the topic. The events say
 * which thread changed and the thread is read again from MongoDB, because events carry only an excerpt of the body and
 * the topic does not keep the whole history. Starting from the end before a rebuild is safe: the consumer's positions
 * are fixed before the rebuild reads MongoDB, so every change is either in the rebuild or in an event after them.
 *
 * <p>Not {@code ProcessedEvents}: that records events per consumer name in the shared database, but here every
 * instance must handle every event; the reindex is idempotent, so a redelivered or replayed event costs one reindex.
 * No dead letters either: the indexer retries a failed reindex (and a failed rebuild) with backoff, and searches check
 * every hit's post against MongoDB, so a hidden or deleted post is never shown even while its reindex is pending.
 */
@Configuration
class SearchEventsConsumer {
    static final String BINDING = "postEventsForSearch-in-0";
    private static final Logger log = LoggerFactory.getLogger(SearchEventsConsumer.class);
    private static final Set<String> THREAD_CHANGES = Set.of(PostsEvents.POST_PUBLISHED, PostsEvents.POST_EDITED,
            PostsEvents.POST_DELETED, PostsEvents.POST_HIDDEN, PostsEvents.REPLY_ADDED, PostsEvents.QUESTION_SOLVED,
            PostsEvents.QUESTION_REOPENED);

    @Bean
    Consumer<Message<String>> postEventsForSearch(SearchIndexer indexer, TrustedSources trustedSources) {
        return message -> {
            Change change = change(message, trustedSources);
            Integer partition = message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION, Integer.class);
            Long offset = message.getHeaders().get(KafkaHeaders.OFFSET, Long.class);
            boolean positioned = partition != null && offset != null;
            if (change != null && change.replyId() != null) {
                if (positioned) {
                    indexer.onReplyAdded(partition, offset, change.postId(), change.replyId());
                } else {
                    indexer.indexReply(change.postId(), change.replyId());
                }
            } else if (positioned) {
                indexer.onEvent(partition, offset, change == null ? null : change.postId());
            } else if (change != null) {
                indexer.reindex(change.postId());
            }
        };
    }

    /** What a record changes: a thread, or one reply added to it (replyId set); null when nothing searchable. */
    private record Change(String postId, String replyId) {
    }

    private static Change change(Message<String> message, TrustedSources trustedSources) {
        InboundEvent event;
        try {
            event = trustedSources.accept(message);
        } catch (UntrustedSourceException e) {
            // already logged and counted; a forged record only moves the index's position past it
            return null;
        } catch (RuntimeException e) {
            log.warn("Ignoring a record on {} that is not an event: {}", PostsEvents.TOPIC, e.getMessage());
            return null;
        }
        String postId = event.text("postId");
        if (postId == null || !THREAD_CHANGES.contains(event.type())) {
            return null;
        }
        String replyId = PostsEvents.REPLY_ADDED.equals(event.type()) ? event.text("replyId") : null;
        return new Change(postId, replyId);
    }

    @Bean
    KafkaBindingRebalanceListener searchIndexStartOnAssignment(SearchIndexer indexer) {
        AtomicBoolean started = new AtomicBoolean();
        return new KafkaBindingRebalanceListener() {
            @Override
            public void onPartitionsAssigned(String bindingName, org.apache.kafka.clients.consumer.Consumer<?, ?> consumer,
                                             Collection<TopicPartition> partitions, boolean initial) {
                if (!BINDING.equals(bindingName) || partitions.isEmpty() || !started.compareAndSet(false, true)) {
                    return;
                }
                String topic = partitions.iterator().next().topic();
                Map<Integer, Long> beginning = byPartition(consumer.beginningOffsets(partitions));
                Map<Integer, Long> end = byPartition(consumer.endOffsets(partitions));
                Optional<String> whyNot = indexer.storedPosition()
                        .map(position -> position.whyNotResumable(topic, beginning, end))
                        .orElse(Optional.of("it holds no position (new, unreadable or of another schema version)"));
                if (whyNot.isEmpty()) {
                    Map<Integer, Long> from = indexer.storedPosition().orElseThrow().offsets();
                    for (TopicPartition partition : partitions) {
                        consumer.seek(partition, from.get(partition.partition()));
                    }
                    indexer.resume(topic, end);
                    return;
                }
                log.info("Search index is rebuilt from MongoDB: {}", whyNot.get());
                // position() resolves the start offsets now (the end of each partition for a new group), before the
                // rebuild reads MongoDB: nothing written after this point can be missed.
                Map<Integer, Long> positions = new HashMap<>();
                for (TopicPartition partition : partitions) {
                    positions.put(partition.partition(), consumer.position(partition));
                }
                indexer.rebuildFrom(topic, positions);
            }
        };
    }

    private static Map<Integer, Long> byPartition(Map<TopicPartition, Long> offsets) {
        Map<Integer, Long> result = new HashMap<>();
        offsets.forEach((partition, offset) -> result.put(partition.partition(), offset));
        return result;
    }
}
