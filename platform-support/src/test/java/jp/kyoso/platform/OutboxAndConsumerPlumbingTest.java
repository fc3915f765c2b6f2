package jp.kyoso.platform;

import jp.kyoso.testsupport.EmbeddedInfrastructure;
import org.springframework.test.context.ContextConfiguration;

/** On the embedded KRaft broker and the embedded MongoDB-wire server: runs everywhere. */
@ContextConfiguration(initializers = EmbeddedInfrastructure.class)
class OutboxAndConsumerPlumbingTest extends OutboxAndConsumerPlumbingContract {
    @Override
    String bootstrapServers() {
        return EmbeddedInfrastructure.kafkaBootstrapServers();
    }
}
