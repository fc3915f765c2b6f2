package jp.kyoso.platform.metrics;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import jp.kyoso.platform.PlatformSupportAutoConfiguration;
import jp.kyoso.platform.outbox.OutboxProperties;
import jp.kyoso.platform.outbox.OutboxRelay;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.stream.config.BindingProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaAdmin;

/** The platform's own signals every service shares: the outbox's backlog and what waits in Kafka. */
@AutoConfiguration(after = PlatformSupportAutoConfiguration.class)
public class PlatformMetricsAutoConfiguration {

    @Bean
    @ConditionalOnBean(OutboxRelay.class)
    OutboxMetrics outboxMetrics(MongoTemplate mongo, OutboxProperties properties, OutboxRelay relay) {
        return new OutboxMetrics(mongo, properties, relay, Clock.systemUTC());
    }

    @Bean
    @ConditionalOnBean(KafkaAdmin.class)
    @ConditionalOnProperty(name = "kyoso.metrics.kafka-backlog.enabled", matchIfMissing = true)
    KafkaBacklogMetrics kafkaBacklogMetrics(KafkaAdmin kafkaAdmin, ObjectProvider<BindingServiceProperties> bindings,
                                            @Value("${spring.application.name}") String application,
                                            @Value("${kyoso.metrics.kafka-backlog.interval:15s}") Duration interval) {
        BindingServiceProperties properties = bindings.getIfAvailable();
        Set<String> groups = properties == null ? Set.of() : properties.getBindings().values().stream()
                .map(BindingProperties::getGroup).filter(Objects::nonNull).filter(group -> !group.isBlank())
                .collect(Collectors.toSet());
        return new KafkaBacklogMetrics(kafkaAdmin.getConfigurationProperties(), groups, application, interval);
    }
}
