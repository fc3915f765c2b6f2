package jp.kyoso.platform.observability;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns Kyoso's two operator switches into Spring Boot's properties, before logging starts:
 * <ul>
 *   <li>{@code KYOSO_LOG_FORMAT=json} writes each log line as one JSON object (Elastic Common Schema, with the trace
 *       id, span id and request id from the MDC); unset or {@code plain} keeps the readable text of {@code ./kyoso up}.
 *   <li>{@code KYOSO_TRACING_OTLP_ENDPOINT} sends spans over OTLP/HTTP to that address. Unset or blank, nothing is
 *       exported and nothing is sampled: trace ids are still made and carried (logs and headers keep them), but no span
 *       is recorded, so tracing costs next to nothing where nobody collects it. {@code KYOSO_TRACING_SAMPLING} sets the
 *       share of traces recorded (default 1.0 with an endpoint, 0 without).
 * </ul>
 * It also leaves out Logback's event counter ({@link #LOGBACK_METRICS}).
 * <p>
 * Both are plain variables with "empty means off" so that compose files and Kubernetes manifests can always pass them;
 * Spring Boot's own endpoint property would take an empty value as an address. Boot's own properties, where set,
 * still win: this source comes last.
 */
public class ObservabilityEnvironment implements EnvironmentPostProcessor, Ordered {
    static final String LOG_FORMAT = "KYOSO_LOG_FORMAT";
    static final String OTLP_ENDPOINT = "KYOSO_TRACING_OTLP_ENDPOINT";
    static final String SAMPLING = "KYOSO_TRACING_SAMPLING";
    static final String SOURCE_NAME = "kyosoObservability";
    /**
     * Spring Boot's logback.events counter, on no dashboard of ours. It counts through a Logback turbo filter, and
     * Logback asks every turbo filter at each level check, isDebugEnabled included, which the frameworks make many
     * times per request: 3-4 % of the gateway's CPU samples under load went to turbo filter decisions.
     */
    static final String LOGBACK_METRICS =
            "org.springframework.boot.micrometer.metrics.autoconfigure.logging.logback.LogbackMetricsAutoConfiguration";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> properties = new HashMap<>();
        logFormat(environment.getProperty(LOG_FORMAT), properties);
        tracing(environment.getProperty(OTLP_ENDPOINT), environment.getProperty(SAMPLING), properties);
        properties.put("spring.autoconfigure.exclude", LOGBACK_METRICS);
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, properties));
    }

    static void logFormat(String format, Map<String, Object> properties) {
        String value = format == null ? "" : format.trim().toLowerCase(Locale.ROOT);
        switch (value) {
            case "", "plain", "text" -> {
            }
            case "json", "ecs" -> properties.put("logging.structured.format.console", "ecs");
            case "logstash" -> properties.put("logging.structured.format.console", "logstash");
            default -> throw new IllegalStateException(LOG_FORMAT + " must be json, logstash or plain, not '"
                    + format + "'");
        }
    }

    static void tracing(String endpoint, String sampling, Map<String, Object> properties) {
        boolean exporting = endpoint != null && !endpoint.isBlank();
        if (exporting) {
            properties.put("management.opentelemetry.tracing.export.otlp.endpoint", endpoint.trim());
        }
        properties.put("management.tracing.sampling.probability", probability(sampling, exporting ? 1.0 : 0.0));
    }

    private static double probability(String sampling, double otherwise) {
        if (sampling == null || sampling.isBlank()) {
            return otherwise;
        }
        try {
            double value = Double.parseDouble(sampling.trim());
            if (value >= 0 && value <= 1) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below, with the variable's name
        }
        throw new IllegalStateException(SAMPLING + " must be a number from 0 to 1, not '" + sampling + "'");
    }

    /** After the configuration files are read (so their values are visible), before logging starts. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 15;
    }
}
