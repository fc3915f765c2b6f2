package jp.kyoso.posts.member;

import java.util.function.Consumer;
import jp.kyoso.platform.consumer.InboundEvent;
import jp.kyoso.platform.consumer.ProcessedEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Binding {@code memberEvents-in-0}: {@code kyoso.members.v1}, group posts-service, dead letters to its DLT. */
@Configuration
class MemberEventsConsumer {
    static final String CONSUMER = "posts-service.members";

    @Bean
    Consumer<Message<String>> memberEvents(ProcessedEvents processedEvents, MemberProjection projection) {
        return message -> {
            InboundEvent event = InboundEvent.from(message);
            processedEvents.handleOnce(CONSUMER, event, () -> projection.apply(event));
        };
    }
}
