package jp.kyoso.platform.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import jp.kyoso.platform.PlatformSupportAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.function.cloudevent.CloudEventsFunctionExtensionConfiguration;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration;
import org.springframework.cloud.function.core.FunctionInvocationHelper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;

/** A record reaches a consumer through Spring Cloud Function as the Kafka binder mapped it. */
class RecordsAsReceivedTest {
    private static final String DATA = "{\"postId\":\"p-1\",\"title\":\"住民票の電子申請\"}";

    @Test
    void aConsumerGetsTheRecordsTextWithItsHeadersAsSent() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
                        ContextFunctionCatalogAutoConfiguration.class,
                        CloudEventsFunctionExtensionConfiguration.class, PlatformSupportAutoConfiguration.class))
                .withUserConfiguration(EventsConsumer.class)
                .run(context -> {
                    assertThat(context.getBean(FunctionInvocationHelper.class)).isInstanceOf(RecordsAsReceived.class);
                    FunctionInvocationWrapper events = context.getBean(FunctionCatalog.class).lookup("events");
                    List<Message<String>> received = context.getBean(EventsConsumer.class).received;

                    events.apply(record());

                    assertThat(received).hasSize(1);
                    Message<String> message = received.get(0);
                    assertThat(message.getPayload()).isEqualTo(DATA);
                    // the headers as the binder maps a record's: bytes, under the Kafka binding's ce_ names (Spring
                    // Cloud Function's CloudEvents helper renames them ce- where its rebuild succeeds)
                    assertThat(message.getHeaders()).containsKeys("ce_id", "ce_type", "ce_source", "content-type")
                            .doesNotContainKeys("ce-id", "ce-type", "ce-source");
                    InboundEvent event = InboundEvent.from(message);
                    assertThat(event.id()).isEqualTo("e-1");
                    assertThat(event.type()).isEqualTo("PostCreated");
                    assertThat(event.source()).isEqualTo("posts-service");
                    assertThat(event.text("title")).isEqualTo("住民票の電子申請");
                });
    }

    /** What the Kafka binder hands on for a record of the outbox relay, with the bindings' text/plain content type. */
    private static Message<byte[]> record() {
        return MessageBuilder.withPayload(DATA.getBytes(StandardCharsets.UTF_8))
                .setHeader("ce_id", bytes("e-1"))
                .setHeader("ce_type", bytes("PostCreated"))
                .setHeader("ce_source", bytes("posts-service"))
                .setHeader("ce_specversion", bytes("1.0"))
                .setHeader("content-type", bytes("application/json"))
                .setHeader(MessageHeaders.CONTENT_TYPE, "text/plain")
                .build();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Configuration(proxyBeanMethods = false)
    static class EventsConsumer {
        final List<Message<String>> received = new CopyOnWriteArrayList<>();

        @Bean
        Consumer<Message<String>> events() {
            return received::add;
        }
    }
}
