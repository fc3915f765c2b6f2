package jp.kyoso.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import jp.kyoso.local.LocalPlatform;
import jp.kyoso.local.Ports;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The platform exactly as {@code ./kyoso up --secured-bus} runs it (Kafka broker JVM, MongoDB-wire server, SMTP and Slack capture,
 * the four service JVMs and a second notifications-service instance), on free ports and a fresh data directory,
 * started once for all end-to-end test classes and stopped when the run ends.
 */
public class RunningPlatform implements BeforeAllCallback {
    static final String MANAGER_EMAIL = "tomioka@digital.go.jp";
    /** The community manager of the browser tests (web/tests/browser/manager.spec.ts), an admin like the first. */
    static final String BROWSER_MANAGER_EMAIL = "browser.manager@digital.go.jp";
    /** An administrator who reads the gateway's metrics (ObservabilityArtifactsIT). */
    static final String OPERATOR_EMAIL = "platform.operator@digital.go.jp";

    private static LocalPlatform platform;
    private static int secondNotificationsPort;
    private static TraceReceiver traces;

    public static synchronized LocalPlatform platform() {
        if (platform == null) {
            platform = start();
        }
        return platform;
    }

    /** Where every process of the platform exports its spans (TracingIT). */
    static TraceReceiver traces() {
        platform();
        return traces;
    }

    public static int secondNotificationsPort() {
        platform();
        return secondNotificationsPort;
    }

    private static LocalPlatform start() {
        try {
            Path root = LocalPlatform.Builder.findRepositoryRoot(Path.of("").toAbsolutePath());
            Path data = Files.createTempDirectory("kyoso-e2e-");
            Ports ports = Ports.randomFree();
            secondNotificationsPort = aPortOutside(ports);
            traces = new TraceReceiver();
            LocalPlatform started = LocalPlatform.builder()
                    .repositoryRoot(root).dataDir(data).ports(ports)
                    // Kafka secured as docker-compose.yml secures it (SASL/SCRAM, ACLs deny by default, the users and
                    // ACLs of deploy/compose/kafka/init-users-and-acls.sh): every story below also proves that each
                    // service does its work with only the rights that script gives it
                    .securedBus(true)
                    .env("KYOSO_ADMIN_EMAILS", MANAGER_EMAIL + "," + BROWSER_MANAGER_EMAIL + "," + OPERATOR_EMAIL)
                    // the gateway balances over both notifications-service instances
                    .serviceEnv("gateway", "KYOSO_NOTIFICATIONS_URIS", "http://127.0.0.1:" + ports.notifications()
                            + ",http://127.0.0.1:" + secondNotificationsPort)
                    // a shorter mail batching window, so the story does not wait for the production one
                    .env("KYOSO_MAIL_INSTANT_WINDOW", "5s")
                    .env("KYOSO_ONBOARDING_FIRST_POST_NUDGE_AFTER", "PT24H")
                    // every process exports every span to the test's own OTLP endpoint, without the 5 s batching delay
                    .env("KYOSO_TRACING_OTLP_ENDPOINT", traces.endpoint())
                    .env("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_SCHEDULE_DELAY", "200ms")
                    // the anonymous budget of one small office, so that GatewayFailuresIT's flood of 60 goes over it
                    // (the default, 200/s, is sized for a prefecture's shared egress)
                    .serviceEnv("gateway", "KYOSO_RATELIMIT_ANONYMOUSPERSECOND", "20")
                    .startTimeout(Duration.ofSeconds(240))
                    .progress(line -> System.out.println("[e2e] " + line))
                    .build();
            started.start();
            started.startExtraInstance("notifications-service", secondNotificationsPort);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.stop();
                traces.close();
                deleteQuietly(data);
            }, "e2e-platform-stop"));
            return started;
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the end-to-end platform", e);
        }
    }

    /** A free port that is none of the platform's: the sockets of a second search are closed, so it may repeat one. */
    private static int aPortOutside(Ports ports) {
        Set<Integer> taken = IntStream.of(ports.gateway(), ports.members(), ports.posts(), ports.notifications(),
                ports.kafka(), ports.kafkaController(), ports.mongo(), ports.smtp(), ports.mailApi(), ports.slack())
                .boxed().collect(Collectors.toSet());
        while (true) {
            int candidate = Ports.randomFree().notifications();
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a leftover temp directory is not worth failing the run for
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        platform();
    }
}
