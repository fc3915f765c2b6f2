package jp.kyoso.posts.member;

import java.util.function.Consumer;
import jp.kyoso.platform.consumer.InboundEvent;
import jp.kyoso.platform.consumer.ProcessedEvents;
import jp.kyoso.platform.consumer.TrustedSources;
import jp.kyoso.posts.handover.HandoverProjection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Binding {@code memberEvents-in-0}: {@code kyoso.members.v1}, group posts-service, dead letters to its DLT. The
 * handover events travel on the same topic and binding (see handover.HandoverProjection).
 */
@Configuration
class MemberEventsConsumer {
    static final String CONSUMER = "posts-service.members";

    @Bean
    Consumer<Message<String>> memberEvents(ProcessedEvents processedEvents, MemberProjection projection,
                                           HandoverProjection handovers, TrustedSources trustedSources) {
        return message -> {
            InboundEvent event = trustedSources.accept(message);
            // the member projection first: a deactivation marks the member former before their handovers are dropped
            processedEvents.handleOnce(CONSUMER, event, () -> {
                projection.apply(event);
                handovers.apply(event);
            });
        };
    }
}
