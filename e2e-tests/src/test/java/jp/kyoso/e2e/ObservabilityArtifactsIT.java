package jp.kyoso.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.kyoso.local.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/**
 * The Grafana dashboard and the Prometheus alerts speak of metrics the running services really expose: a renamed
 * meter, or a panel written for a metric nobody built, fails here instead of showing "No data" during an incident.
 */
@ExtendWith(RunningPlatform.class)
class ObservabilityArtifactsIT {
    private static final Path OBSERVABILITY = Path.of("deploy", "kubernetes", "base", "observability");
    /** Series Prometheus makes itself for every target. */
    private static final Set<String> PROMETHEUS_OWN = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped");

    @Test
    void everyMetricTheDashboardAndTheAlertsUseIsExposedByAService() throws IOException {
        Path root = RunningPlatform.platform().repositoryRoot();
        List<String> expressions = new ArrayList<>();
        dashboardExpressions(Http.JSON.readTree(Files.readString(root.resolve(OBSERVABILITY)
                .resolve("grafana-dashboard.json"))), expressions);
        alertExpressions(new Yaml().load(Files.readString(root.resolve(OBSERVABILITY)
                .resolve("prometheus-rule.yaml"))), expressions);
        assertThat(expressions).as("expressions in the dashboard and the alert rules").hasSizeGreaterThan(10);
        Set<String> used = new TreeSet<>();
        expressions.forEach(expression -> used.addAll(metricNames(expression)));
        used.removeAll(PROMETHEUS_OWN);

        // the samplers (consumer lag, dead letters, search index lag) write their first values within 15 s of start
        await("every metric the dashboard and the alerts use").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                    Set<String> exposed = exposedByTheServices();
                    assertThat(used).as("metrics used but exposed by no service (exposed: %s)", exposed)
                            .isSubsetOf(exposed);
                });
    }

    @Test
    void theMetricNameReaderFindsMetricsAndSkipsFunctionsLabelsAndRanges() {
        assertThat(metricNames("histogram_quantile(0.95, sum by (le, uri) (rate(http_server_requests_seconds_bucket"
                + "{application=\"gateway\", status=~\"5..\"}[$__rate_interval])))"))
                .containsExactly("http_server_requests_seconds_bucket");
        assertThat(metricNames("max by (application) (kyoso_outbox_oldest_event_age_seconds) > 60 and on "
                + "(application) delta(kyoso_dlt_records[15m]) > 0 or vector(0)"))
                .containsExactlyInAnyOrder("kyoso_outbox_oldest_event_age_seconds", "kyoso_dlt_records");
    }

    private static Set<String> exposedByTheServices() {
        Ports ports = RunningPlatform.platform().ports();
        Set<String> names = new TreeSet<>();
        for (int port : List.of(ports.gateway(), ports.members(), ports.posts(), ports.notifications())) {
            // the gateway's metrics are an administrator's on its public port (Kubernetes scrapes its management port)
            String token = port == ports.gateway() ? operator().accessToken : null;
            Http.Response scrape = Http.send("GET", "http://127.0.0.1:" + port + "/actuator/prometheus", token, null,
                    Map.of("Accept", "text/plain"));
            assertThat(scrape.status()).as("scrape of port %d: %s", port, scrape.body()).isEqualTo(200);
            for (String line : scrape.body().split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    names.add(line.split("[{ ]", 2)[0]);
                }
            }
        }
        return names;
    }

    private static Member operator;

    private static synchronized Member operator() {
        if (operator == null) {
            operator = Member.join(RunningPlatform.OPERATOR_EMAIL, "platform_operator", "運用 担当", "デジタル庁", null);
        }
        return operator;
    }

    private static void dashboardExpressions(JsonNode node, List<String> found) {
        if (node.isObject()) {
            node.properties().forEach(entry -> {
                if (entry.getKey().equals("expr") && entry.getValue().isString()) {
                    found.add(entry.getValue().asString());
                } else if (entry.getKey().equals("query") && entry.getValue().isString()) {
                    // a template variable: label_values(metric, label) names a metric, label_values(label) none
                    Matcher labelValues = LABEL_VALUES.matcher(entry.getValue().asString());
                    if (labelValues.find()) {
                        found.add(labelValues.group(1));
                    }
                } else {
                    dashboardExpressions(entry.getValue(), found);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> dashboardExpressions(child, found));
        }
    }

    @SuppressWarnings("unchecked")
    private static void alertExpressions(Object node, List<String> found) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if ("expr".equals(key) && value != null) {
                    found.add(value.toString());
                } else {
                    alertExpressions(value, found);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(child -> alertExpressions(child, found));
        }
    }

    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([^,)]+),");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern LABELS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$\\w+");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan");

    /** The metric names in a PromQL expression (or a Grafana label_values query). */
    static Set<String> metricNames(String expression) {
        String rest = STRING.matcher(expression).replaceAll(" ");
        rest = VARIABLE.matcher(rest).replaceAll(" ");
        rest = LABELS.matcher(rest).replaceAll(" ");
        rest = RANGE.matcher(rest).replaceAll(" ");
        rest = GROUPING.matcher(rest).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(rest);
        while (identifier.find()) {
            String name = identifier.group();
            boolean calledAsFunction = rest.substring(identifier.end()).stripLeading().startsWith("(");
            boolean partOfNumber = identifier.start() > 0 && Character.isDigit(rest.charAt(identifier.start() - 1));
            if (!calledAsFunction && !partOfNumber && !KEYWORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }
}
