package jp.kyoso.platform;

import java.util.function.Consumer;
import jp.kyoso.platform.consumer.InboundEvent;
import jp.kyoso.platform.consumer.ProcessedEvents;
import jp.kyoso.platform.consumer.TrustedSources;
import jp.kyoso.platform.security.ResourceServerSecurity;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.messaging.Message;

/**
 * A minimal service that publishes through the outbox and consumes its own topic, to prove the plumbing; and answers a
 * few POSTs ({@link IdempotencyTestEndpoints}) behind the services' resource-server security, to prove the generic
 * Idempotency-Key.
 */
@SpringBootApplication
public class PlumbingTestApplication {

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        return ResourceServerSecurity.build(http, "/api/public/**", "/api/auth/**");
    }

    @Bean
    Consumer<Message<String>> widgetEvents(ProcessedEvents processedEvents, MongoTemplate mongo,
                                           TrustedSources trustedSources) {
        return message -> {
            InboundEvent event = trustedSources.accept(message);
            processedEvents.handleOnce("plumbing-test", event, () -> mongo.upsert(
                    Query.query(Criteria.where("_id").is(event.subject())),
                    new Update().inc("handled", 1).set("lastName", event.text("name")), "widget_views"));
        };
    }
}
