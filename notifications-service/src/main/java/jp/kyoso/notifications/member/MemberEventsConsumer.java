package jp.kyoso.notifications.member;

import java.util.function.Consumer;
import jp.kyoso.notifications.fanout.EventFields;
import jp.kyoso.platform.consumer.InboundEvent;
import jp.kyoso.platform.consumer.ProcessedEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Binding {@code memberEvents}: {@code kyoso.members.v1}, consumer group {@code notifications-service}. */
@Configuration
class MemberEventsConsumer {
    static final String NAME = "notifications-service.members";

    @Bean
    Consumer<Message<String>> memberEvents(ProcessedEvents processedEvents, MemberProjection projection) {
        return message -> {
            InboundEvent event = InboundEvent.from(message);
            EventFields.required(event, "memberId");
            processedEvents.handleOnce(NAME, event, () -> projection.apply(event));
        };
    }
}
