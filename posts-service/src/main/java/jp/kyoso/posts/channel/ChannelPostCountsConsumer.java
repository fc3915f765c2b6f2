package jp.kyoso.posts.channel;

import java.util.function.Consumer;
import jp.kyoso.platform.consumer.InboundEvent;
import jp.kyoso.platform.consumer.ProcessedEvents;
import jp.kyoso.platform.consumer.TrustedSources;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Binding {@code postEventsForChannels-in-0}: posts-service's own {@code kyoso.posts.v1}, group
 * {@value #GROUP}, dead letters to its DLT. Keeps the channels' post counts (ChannelPostCounts).
 */
@Configuration
class ChannelPostCountsConsumer {
    static final String GROUP = "posts-service-channel-counts";
    static final String CONSUMER = "posts-service.channel-counts";

    @Bean
    Consumer<Message<String>> postEventsForChannels(ProcessedEvents processedEvents, ChannelPostCounts counts,
                                                    TrustedSources trustedSources) {
        return message -> {
            InboundEvent event = trustedSources.accept(message);
            // most events are replies, reactions and edits: two round trips each for the mark alone
            if (ChannelPostCounts.counts(event)) {
                processedEvents.handleOnce(CONSUMER, event, () -> counts.apply(event));
            }
        };
    }
}
