package jp.kyoso.platform;

import jp.kyoso.testsupport.DockerInfrastructure;
import org.springframework.test.context.ContextConfiguration;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The same proof on the real {@code mongo} (replica set) and {@code apache/kafka} images. Where no Docker engine
 * answers, JUnit skips this class and says so ("Docker is not available" in the report).
 */
@Testcontainers(disabledWithoutDocker = true)
@ContextConfiguration(initializers = DockerInfrastructure.class)
class OutboxAndConsumerPlumbingOnContainersTest extends OutboxAndConsumerPlumbingContract {
    @Override
    String bootstrapServers() {
        return DockerInfrastructure.KAFKA.getBootstrapServers();
    }
}
