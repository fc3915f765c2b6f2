package jp.kyoso.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import jp.kyoso.platform.PlatformSupportAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;

class OffsetCommitIntervalTest {

    @Test
    void aBindingsContainerCommitsOncePerIntervalInsteadOfAfterEveryPoll() {
        KafkaMessageListenerContainer<String, String> container = container();
        assertThat(container.getContainerProperties().getAckMode()).isEqualTo(ContainerProperties.AckMode.BATCH);

        runner().run(context -> context.getBean(OffsetCommitInterval.class)
                .configure(container, "kyoso.posts.v1", "notifications-service"));

        assertThat(container.getContainerProperties().getAckMode()).isEqualTo(ContainerProperties.AckMode.TIME);
        assertThat(container.getContainerProperties().getAckTime()).isEqualTo(1000);
    }

    @Test
    void theIntervalIsASetting() {
        KafkaMessageListenerContainer<String, String> container = container();

        runner().withPropertyValues("kyoso.consumer.commit-interval=250ms").run(context -> context
                .getBean(OffsetCommitInterval.class).configure(container, "kyoso.members.v1", "posts-service"));

        assertThat(container.getContainerProperties().getAckTime()).isEqualTo(250);
    }

    @Test
    void zeroKeepsACommitAfterEveryPoll() {
        KafkaMessageListenerContainer<String, String> container = container();

        runner().withPropertyValues("kyoso.consumer.commit-interval=0ms").run(context -> context
                .getBean(OffsetCommitInterval.class).configure(container, "kyoso.posts.v1", "notifications-service"));

        assertThat(container.getContainerProperties().getAckMode()).isEqualTo(ContainerProperties.AckMode.BATCH);
    }

    @Test
    void anAckModeConfiguredForABindingStays() {
        KafkaMessageListenerContainer<String, String> container = container();
        container.getContainerProperties().setAckMode(ContainerProperties.AckMode.RECORD);

        new OffsetCommitInterval(Duration.ofSeconds(1)).configure(container, "kyoso.posts.v1", "group");

        assertThat(container.getContainerProperties().getAckMode()).isEqualTo(ContainerProperties.AckMode.RECORD);
    }

    private static ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PlatformSupportAutoConfiguration.class));
    }

    private static KafkaMessageListenerContainer<String, String> container() {
        ContainerProperties properties = new ContainerProperties("kyoso.posts.v1");
        properties.setMessageListener((MessageListener<String, String>) record -> { });
        return new KafkaMessageListenerContainer<>(
                new DefaultKafkaConsumerFactory<>(Map.of("bootstrap.servers", "localhost:1")), properties);
    }
}
