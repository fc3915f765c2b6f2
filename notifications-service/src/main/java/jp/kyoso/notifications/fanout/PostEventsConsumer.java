package jp.kyoso.notifications.fanout;

import java.util.function.Consumer;
import jp.kyoso.notifications.postsview.PostsView;
import jp.kyoso.notifications.session.SessionNotices;
import jp.kyoso.platform.consumer.InboundEvent;
import jp.kyoso.platform.consumer.ProcessedEvents;
import jp.kyoso.platform.consumer.TrustedSources;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Binding {@code postEvents}: {@code kyoso.posts.v1}, consumer group {@code notifications-service}. */
@Configuration
class PostEventsConsumer {
    static final String NAME = "notifications-service.posts";

    @Bean
    Consumer<Message<String>> postEvents(ProcessedEvents processedEvents, PostEventRules rules, PostsView view,
                                         SessionNotices sessions, TrustedSources trustedSources) {
        return message -> {
            InboundEvent event = trustedSources.accept(message);
            processedEvents.handleOnce(NAME, event, () -> {
                view.record(event);
                rules.apply(event);
                sessions.apply(event);
            });
        };
    }
}
