package jp.kyoso.platform.idempotency;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The generic {@code Idempotency-Key} of POST requests, in every servlet service with a MongoDB: on unless
 * {@code kyoso.idempotency.enabled=false}. See {@link IdempotencyFilter}.
 */
@AutoConfiguration(after = {MongoAutoConfiguration.class, DataMongoAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(name = "kyoso.idempotency.enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnBean(MongoTemplate.class)
@EnableConfigurationProperties(IdempotencyProperties.class)
public class IdempotencyAutoConfiguration {

    @Bean
    IdempotencyRecords idempotencyRecords(MongoTemplate mongo, IdempotencyProperties properties,
                                          ObjectProvider<Clock> clock) {
        IdempotencyRecords records = new IdempotencyRecords(mongo, properties, clock.getIfUnique(Clock::systemUTC));
        records.declareIndexes();
        return records;
    }

    @Bean
    IdempotencyFilter idempotencyFilter(IdempotencyRecords records, IdempotencyProperties properties,
                                        @Value("${spring.application.name:application}") String service) {
        return new IdempotencyFilter(records, properties, service);
    }

    @Bean
    ExpiredKeysPurge expiredIdempotencyKeysPurge(IdempotencyRecords records, IdempotencyProperties properties) {
        return new ExpiredKeysPurge(records, properties);
    }

    /**
     * Removes expired keys now and then: real MongoDB does it with the TTL index already, the embedded MongoDB-wire
     * server has no TTL monitor. Its own daemon thread, so that no service has to enable scheduling for it.
     */
    static final class ExpiredKeysPurge implements DisposableBean {
        private static final Logger log = LoggerFactory.getLogger(ExpiredKeysPurge.class);
        private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "idempotency-keys-purge");
            thread.setDaemon(true);
            return thread;
        });

        ExpiredKeysPurge(IdempotencyRecords records, IdempotencyProperties properties) {
            long interval = properties.purgeInterval().toMillis();
            executor.scheduleWithFixedDelay(() -> {
                try {
                    records.purgeExpired();
                } catch (RuntimeException e) {
                    log.warn("Could not purge the expired idempotency keys: {}", e.getMessage());
                }
            }, interval, interval, TimeUnit.MILLISECONDS);
        }

        @Override
        public void destroy() {
            executor.shutdownNow();
        }
    }
}
