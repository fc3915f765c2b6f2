package jp.kyoso.platform;

import java.util.Map;
import jp.kyoso.platform.consumer.ConsumerProperties;
import jp.kyoso.platform.consumer.ProcessedEvents;
import jp.kyoso.platform.consumer.ProcessedEventsPurge;
import jp.kyoso.platform.consumer.RecordsAsReceived;
import jp.kyoso.platform.consumer.TrustedSources;
import jp.kyoso.platform.consumer.TrustedSourcesProperties;
import jp.kyoso.platform.json.ApiTimestamps;
import jp.kyoso.platform.kafka.KafkaHealthIndicator;
import jp.kyoso.platform.kafka.OffsetCommitInterval;
import jp.kyoso.platform.kafka.StaticMembership;
import jp.kyoso.platform.mongo.MongoPingHealthIndicator;
import jp.kyoso.platform.kafka.TopicProperties;
import jp.kyoso.platform.outbox.OutboxProperties;
import jp.kyoso.platform.outbox.OutboxRelay;
import jp.kyoso.platform.tracing.TraceContinuation;
import jp.kyoso.platform.web.ProblemHandling;
import jp.kyoso.platform.web.RequestIdFilter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.function.cloudevent.CloudEventsFunctionExtensionConfiguration;
import org.springframework.cloud.function.core.FunctionInvocationHelper;
import org.springframework.cloud.stream.config.ListenerContainerCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

@AutoConfiguration(after = {KafkaAutoConfiguration.class, MongoAutoConfiguration.class,
        DataMongoAutoConfiguration.class}, before = CloudEventsFunctionExtensionConfiguration.class)
@EnableConfigurationProperties({OutboxProperties.class, TopicProperties.class, ConsumerProperties.class,
        TrustedSourcesProperties.class})
public class PlatformSupportAutoConfiguration {

    @Bean
    TraceContinuation traceContinuation(ObjectProvider<Tracer> tracers, ObjectProvider<Propagator> propagators) {
        return new TraceContinuation(tracers, propagators);
    }

    @Bean
    RequestIdFilter requestIdFilter() {
        return new RequestIdFilter();
    }

    /** Every JSON answer, event and live-stream message of a service writes time stamps the same way. */
    @Bean
    JsonMapperBuilderCustomizer kyosoTimestamps() {
        return builder -> builder.addModule(ApiTimestamps.module());
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemHandling problemHandling() {
        return new ProblemHandling();
    }

    @Bean
    @ConditionalOnBean(MongoTemplate.class)
    ProcessedEvents processedEvents(MongoTemplate mongo, ConsumerProperties properties) {
        ProcessedEvents processedEvents = new ProcessedEvents(mongo, properties.markLinger());
        processedEvents.expireMarksAfter(properties.processedRetention());
        return processedEvents;
    }

    /** Every consumer reads its records through this: a record from a source its topic does not trust is refused. */
    @Bean
    @ConditionalOnMissingBean
    TrustedSources trustedSources(TrustedSourcesProperties properties, ObjectProvider<MeterRegistry> meters) {
        return new TrustedSources(properties, meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    @ConditionalOnBean(ProcessedEvents.class)
    ProcessedEventsPurge processedEventsPurge(ProcessedEvents processedEvents, ConsumerProperties properties) {
        return new ProcessedEventsPurge(processedEvents, properties);
    }

    @Bean
    @ConditionalOnBean({MongoTemplate.class, KafkaTemplate.class})
    @SuppressWarnings("unchecked")
    OutboxRelay outboxRelay(MongoTemplate mongo, KafkaTemplate<?, ?> kafka, OutboxProperties properties) {
        return new OutboxRelay(mongo, (KafkaTemplate<String, String>) kafka, properties);
    }

    @Bean(name = "mongoHealthIndicator")
    @ConditionalOnBean(MongoTemplate.class)
    @ConditionalOnMissingBean(name = "mongoHealthIndicator")
    MongoPingHealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
        return new MongoPingHealthIndicator(mongo);
    }

    /** Static group membership when the process has a stable identity (StaticMembership; set by ./kyoso up). */
    @Bean
    @ConditionalOnProperty(name = "kyoso.kafka.instance-id")
    StaticMembership staticKafkaMembership(@Value("${kyoso.kafka.instance-id}") String instanceId) {
        return new StaticMembership(instanceId);
    }

    /** Consumers get their records as the binder mapped them, not rebuilt as canonical CloudEvents (RecordsAsReceived). */
    @Bean
    @ConditionalOnMissingBean(FunctionInvocationHelper.class)
    RecordsAsReceived recordsAsReceived() {
        return new RecordsAsReceived();
    }

    /** Offsets committed once per {@code kyoso.consumer.commit-interval}, not after every poll (OffsetCommitInterval). */
    @Bean
    @ConditionalOnMissingBean(ListenerContainerCustomizer.class)
    OffsetCommitInterval offsetCommitInterval(ConsumerProperties properties) {
        return new OffsetCommitInterval(properties.commitInterval());
    }

    @Bean(name = "kafkaHealthIndicator")
    @ConditionalOnBean(KafkaAdmin.class)
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
        return new KafkaHealthIndicator(kafkaAdmin);
    }

    @Bean
    KafkaAdmin.NewTopics kyosoTopics(TopicProperties properties) {
        NewTopic[] topics = properties.topics().stream().map(topic -> {
            int partitions = topic.partitions() == null ? properties.defaultPartitions() : topic.partitions();
            NewTopic newTopic = new NewTopic(topic.name(), partitions, properties.replicationFactor());
            if (topic.retention() != null) {
                newTopic.configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(topic.retention().toMillis())));
            }
            return newTopic;
        }).toArray(NewTopic[]::new);
        return new KafkaAdmin.NewTopics(topics);
    }
}
