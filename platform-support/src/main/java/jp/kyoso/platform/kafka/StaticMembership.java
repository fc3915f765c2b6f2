package jp.kyoso.platform.kafka;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.cloud.stream.binder.kafka.support.ConsumerConfigCustomizer;

/**
 * Kafka static group membership for a process whose identity survives its restarts ({@code kyoso.kafka.instance-id},
 * {@code KYOSO_KAFKA_INSTANCE_ID}; {@code ./kyoso up} sets {@code <service>-<port>}). Each consumer of a named group
 * gets {@code group.instance.id = <instance id>-<binding>}, so a process restarted after a crash takes its partitions
 * back as soon as it joins, instead of waiting for the dead consumer's session to time out (45 s by default) and a
 * rebalance. Anonymous groups (one per instance, e.g. posts-service's search index) are left dynamic.
 * <p>
 * Not for instances whose names change on every start (a Kubernetes Deployment's pods): a static member does not leave
 * its group when it stops, so its partitions would wait for its session timeout after every rollout.
 */
public final class StaticMembership implements ConsumerConfigCustomizer {

    private final String instanceId;

    public StaticMembership(String instanceId) {
        this.instanceId = instanceId;
    }

    @Override
    public void configure(Map<String, Object> consumerProperties, String bindingName, String destination) {
        Object group = consumerProperties.get(ConsumerConfig.GROUP_ID_CONFIG);
        if (group == null || group.toString().isBlank() || group.toString().startsWith("anonymous.")) {
            return;
        }
        consumerProperties.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId + "-" + bindingName);
    }
}
