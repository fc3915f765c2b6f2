package jp.kyoso.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void defaultsAreTheDocumentedPorts() {
        Ports ports = Ports.defaults();

        assertThat(List.of(ports.gateway(), ports.members(), ports.posts(), ports.notifications(), ports.kafka(),
                ports.kafkaController(), ports.mongo(), ports.smtp(), ports.mailApi(), ports.slack()))
                .containsExactly(8080, 8081, 8082, 8083, 9092, 9093, 27017, 2525, 8025, 8090);
    }

    @Test
    void environmentMovesSinglePortsAndRejectsNonsenseByName() {
        Ports ports = Ports.fromEnvironment(Map.of("KYOSO_GATEWAY_PORT", "18080", "KYOSO_KAFKA_PORT", " 19092 "));

        assertThat(ports.gateway()).isEqualTo(18080);
        assertThat(ports.kafka()).isEqualTo(19092);
        assertThat(ports.members()).isEqualTo(8081);
        assertThatThrownBy(() -> Ports.fromEnvironment(Map.of("KYOSO_SMTP_PORT", "smtp")))
                .hasMessageContaining("KYOSO_SMTP_PORT must be a TCP port number");
    }

    @Test
    void offsetAndRandomFreeGiveTenDistinctPorts() {
        assertThat(Ports.offset(10000).gateway()).isEqualTo(18080);
        assertThat(Ports.offset(10000).service("posts-service")).isEqualTo(18082);
        Ports random = Ports.randomFree();
        assertThat(new HashSet<>(random.infrastructure().values())).hasSize(6);
        assertThat(new HashSet<>(random.services().values())).hasSize(4);
    }
}
