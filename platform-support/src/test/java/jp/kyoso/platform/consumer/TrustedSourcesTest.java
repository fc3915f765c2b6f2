package jp.kyoso.platform.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

class TrustedSourcesTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TrustedSources defaults = new TrustedSources(new TrustedSourcesProperties(null), meters);

    @Test
    void eachTopicBelievesOnlyTheServiceThatPublishesIt() {
        assertThat(defaults.accept(record("kyoso.members.v1", "/kyoso/members-service")).id()).isEqualTo("e-1");
        assertThat(defaults.accept(record("kyoso.posts.v1", "/kyoso/posts-service")).id()).isEqualTo("e-1");
        assertThat(defaults.accept(record("kyoso.notifications.commands.v1", "/kyoso/members-service")).id())
                .isEqualTo("e-1");

        assertRefused(record("kyoso.members.v1", "/kyoso/posts-service"), "kyoso.members.v1",
                TrustedSources.UNTRUSTED_SOURCE);
        assertRefused(record("kyoso.notifications.commands.v1", "/kyoso/posts-service"),
                "kyoso.notifications.commands.v1", TrustedSources.UNTRUSTED_SOURCE);
        assertRefused(record("kyoso.posts.v1", null), "kyoso.posts.v1", TrustedSources.MISSING_SOURCE);
        // deny by default: a topic nobody configured, or a record whose topic is unknown
        assertRefused(record("kyoso.elsewhere.v1", "/kyoso/members-service"), "kyoso.elsewhere.v1",
                TrustedSources.UNKNOWN_TOPIC);
        assertRefused(record(null, "/kyoso/members-service"), "none", TrustedSources.UNKNOWN_TOPIC);
    }

    @Test
    void theLongestPrefixOnWholeSegmentsWins() {
        // kyoso.notifications.commands is more specific than a configured kyoso.notifications
        TrustedSources sources = new TrustedSources(new TrustedSourcesProperties(Map.of(
                "kyoso.notifications", List.of("/kyoso/notifications-service"))), meters);
        assertThat(sources.allowedOn("kyoso.notifications.commands.v1")).containsExactly("/kyoso/members-service");
        assertThat(sources.allowedOn("kyoso.notifications.stream.v1")).containsExactly("/kyoso/notifications-service");
        // a prefix is a whole segment: kyoso.members does not cover kyoso.membersx.v1
        assertThat(sources.allowedOn("kyoso.membersx.v1")).isNull();
    }

    @Test
    void configurationWithBracketedPrefixesReplacesOnlyTheDefaultOfThatPrefix() {
        MapConfigurationPropertySource config = new MapConfigurationPropertySource(Map.of(
                "kyoso.events.trusted-sources[kyoso.notifications.commands]",
                "/kyoso/members-service, /kyoso/admin-tool"));
        TrustedSourcesProperties properties = new Binder(config).bind("kyoso.events", TrustedSourcesProperties.class)
                .get();
        TrustedSources sources = new TrustedSources(properties, meters);
        assertThat(sources.allowedOn("kyoso.notifications.commands.v1"))
                .containsExactly("/kyoso/members-service", "/kyoso/admin-tool");
        assertThat(sources.allowedOn("kyoso.members.v1")).containsExactly("/kyoso/members-service");
    }

    @Test
    void anEnvironmentVariableNamesThePrefixWithUnderscores() {
        var environment = new org.springframework.core.env.SystemEnvironmentPropertySource("systemEnvironment", Map.of(
                "KYOSO_EVENTS_TRUSTEDSOURCES_KYOSO_NOTIFICATIONS_COMMANDS", "/kyoso/members-service,/kyoso/admin-tool"));
        TrustedSourcesProperties properties = new Binder(
                org.springframework.boot.context.properties.source.ConfigurationPropertySources.from(environment))
                .bind("kyoso.events", TrustedSourcesProperties.class).get();
        assertThat(new TrustedSources(properties, meters).allowedOn("kyoso.notifications.commands.v1"))
                .containsExactly("/kyoso/members-service", "/kyoso/admin-tool");
    }

    private void assertRefused(Message<?> record, String topicTag, String reason) {
        double before = count(topicTag, reason);
        assertThatThrownBy(() -> defaults.accept(record)).isInstanceOf(UntrustedSourceException.class)
                .isInstanceOf(InvalidEventException.class).hasMessageNotContaining("secret");
        assertThat(count(topicTag, reason)).isEqualTo(before + 1);
    }

    private double count(String topic, String reason) {
        var counter = meters.find(TrustedSources.REJECTED).tag("topic", topic).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private static Message<?> record(String topic, String source) {
        MessageBuilder<byte[]> builder = MessageBuilder.withPayload("{\"token\":\"secret\"}".getBytes(StandardCharsets.UTF_8))
                .setHeader("ce_id", "e-1".getBytes(StandardCharsets.UTF_8))
                .setHeader("ce_type", "kyoso.notifications.SendVerificationMail.v1".getBytes(StandardCharsets.UTF_8));
        if (source != null) {
            builder.setHeader("ce_source", source.getBytes(StandardCharsets.UTF_8));
        }
        if (topic != null) {
            builder.setHeader(KafkaHeaders.RECEIVED_TOPIC, topic);
        }
        return builder.build();
    }
}
