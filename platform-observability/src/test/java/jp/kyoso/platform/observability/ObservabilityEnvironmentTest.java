package jp.kyoso.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ObservabilityEnvironmentTest {

    private static StandardEnvironment prepared(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", variables));
        new ObservabilityEnvironment().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    @Test
    void withoutVariablesLogsStayPlainAndNoSpanIsRecordedOrExported() {
        StandardEnvironment environment = prepared(Map.of());

        assertThat(environment.getProperty("logging.structured.format.console")).isNull();
        assertThat(environment.getProperty("management.opentelemetry.tracing.export.otlp.endpoint")).isNull();
        assertThat(environment.getProperty("management.tracing.sampling.probability", Double.class)).isZero();
        assertThat(environment.getProperty("spring.autoconfigure.exclude"))
                .isEqualTo(ObservabilityEnvironment.LOGBACK_METRICS);
    }

    @Test
    void jsonLogsAreElasticCommonSchema() {
        assertThat(prepared(Map.of("KYOSO_LOG_FORMAT", "json")).getProperty("logging.structured.format.console"))
                .isEqualTo("ecs");
        assertThat(prepared(Map.of("KYOSO_LOG_FORMAT", " Plain ")).getProperty("logging.structured.format.console"))
                .isNull();
    }

    @Test
    void anEndpointExportsEveryTraceUnlessASamplingIsGiven() {
        StandardEnvironment everything = prepared(Map.of("KYOSO_TRACING_OTLP_ENDPOINT",
                "http://otel-collector:4318/v1/traces"));
        assertThat(everything.getProperty("management.opentelemetry.tracing.export.otlp.endpoint"))
                .isEqualTo("http://otel-collector:4318/v1/traces");
        assertThat(everything.getProperty("management.tracing.sampling.probability", Double.class)).isEqualTo(1.0);

        StandardEnvironment tenth = prepared(Map.of("KYOSO_TRACING_OTLP_ENDPOINT", "http://c:4318/v1/traces",
                "KYOSO_TRACING_SAMPLING", "0.1"));
        assertThat(tenth.getProperty("management.tracing.sampling.probability", Double.class)).isEqualTo(0.1);
    }

    @Test
    void anEmptyEndpointAsComposePassesItIsOff() {
        StandardEnvironment environment = prepared(Map.of("KYOSO_TRACING_OTLP_ENDPOINT", "  "));

        assertThat(environment.containsProperty("management.opentelemetry.tracing.export.otlp.endpoint")).isFalse();
    }

    @Test
    void springBootsOwnPropertiesStillWin() {
        StandardEnvironment environment = prepared(Map.of("KYOSO_TRACING_OTLP_ENDPOINT", "http://c:4318/v1/traces",
                "management.tracing.sampling.probability", "0.5"));

        assertThat(environment.getProperty("management.tracing.sampling.probability", Double.class)).isEqualTo(0.5);
    }

    @Test
    void aWrongValueStopsTheStartWithTheVariablesName() {
        assertThatThrownBy(() -> prepared(Map.of("KYOSO_LOG_FORMAT", "xml")))
                .hasMessageContaining("KYOSO_LOG_FORMAT");
        assertThatThrownBy(() -> prepared(Map.of("KYOSO_TRACING_SAMPLING", "2")))
                .hasMessageContaining("KYOSO_TRACING_SAMPLING");
        assertThatThrownBy(() -> prepared(Map.of("KYOSO_TRACING_SAMPLING", "half")))
                .hasMessageContaining("KYOSO_TRACING_SAMPLING");
    }
}
