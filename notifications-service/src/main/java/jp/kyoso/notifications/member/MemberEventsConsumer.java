package jp.kyoso.notifications.member;

import java.util.function.Consumer;
import jp.kyoso.notifications.fanout.EventFields;
import jp.kyoso.notifications.handover.HandoverProjection;
import jp.kyoso.platform.consumer.InboundEvent;
import jp.kyoso.platform.consumer.ProcessedEvents;
import jp.kyoso.platform.consumer.TrustedSources;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Binding {@code memberEvents}: {@code kyoso.members.v1}, consumer group {@code notifications-service}. The handover
 * events travel on the same topic and binding (see handover.HandoverProjection).
 */
@Configuration
class MemberEventsConsumer {
    static final String NAME = "notifications-service.members";

    @Bean
    Consumer<Message<String>> memberEvents(ProcessedEvents processedEvents, MemberProjection projection,
                                           HandoverProjection handovers, TrustedSources trustedSources) {
        return message -> {
            InboundEvent event = trustedSources.accept(message);
            // a handover's event names two members, by role, and no memberId
            if (!HandoverProjection.isHandoverEvent(event)) {
                EventFields.required(event, "memberId");
            }
            // the member projection first: a deactivation marks the member former before their handovers are dropped
            processedEvents.handleOnce(NAME, event, () -> {
                projection.apply(event);
                handovers.apply(event);
            });
        };
    }
}
