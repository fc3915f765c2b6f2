package jp.kyoso.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service side of the platform (parallel start, wiring, stopping and restarting one service, extra instances,
 * a service that dies while starting) with stand-in service jars, so it runs before the real services exist.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalPlatformServicesTest {

    private static final String SMALL_JVM = "-Xmx32m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto";

    private Ports ports;
    private LocalPlatform platform;
    private final List<String> progress = new ArrayList<>();
    private int failingPort;

    @BeforeAll
    void startPlatform(@TempDir Path temp) throws Exception {
        Path repository = FakeRepository.create(temp.resolve("repo"));
        ports = Ports.randomFree();
        try (ServerSocket probe = new ServerSocket(0)) {
            failingPort = probe.getLocalPort();
        }
        platform = LocalPlatform.builder()
                .repositoryRoot(repository)
                .dataDir(temp.resolve("data"))
                .ports(ports)
                .serviceJavaOptions(SMALL_JVM)
                .membersExtraJavaOptions("-Xmn8m -Dkyoso.only-members=yes")
                .env("KYOSO_TEST_SETTING", "for-every-service")
                .serviceEnv("gateway", "KYOSO_ONLY_GATEWAY", "yes")
                .env("FAKE_FAIL_ON_PORT", Integer.toString(failingPort))
                .startTimeout(Duration.ofSeconds(60))
                .progress(line -> {
                    synchronized (progress) {
                        progress.add(line);
                    }
                    System.out.println("[kyoso] " + line);
                })
                .build();
        platform.start();
    }

    @AfterAll
    void stopPlatform() {
        if (platform != null) {
            platform.stop();
        }
    }

    @Test
    @Order(1)
    void startsAllFourServicesAndReportsEachReady() {
        for (KyosoService service : KyosoService.values()) {
            ServiceProcess process = platform.service(service.moduleName());
            assertThat(process.isAlive()).isTrue();
            assertThat(process.port()).isEqualTo(ports.service(service.moduleName()));
            assertThat(progress).anyMatch(line -> line.startsWith(service.moduleName() + " ready on :" + process.port()));
        }
        assertThat(platform.dataDir().resolve("run").resolve("state.json")).content()
                .contains("members-service.jar", "gateway.jar", "kafka.Kafka");
    }

    @Test
    @Order(2)
    void wiresEachServiceToTheInfrastructureAndToTheOtherServices() {
        assertThat(env("members-service", "SPRING_MONGODB_URI")).isEqualTo("mongodb://localhost:" + ports.mongo() + "/kyoso-members");
        assertThat(env("posts-service", "SPRING_MONGODB_URI")).isEqualTo("mongodb://localhost:" + ports.mongo() + "/kyoso-posts");
        assertThat(env("posts-service", "SPRING_KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("localhost:" + ports.kafka());
        assertThat(env("posts-service", "KYOSO_JWKS_URI"))
                .isEqualTo("http://127.0.0.1:" + ports.members() + "/.well-known/jwks.json");
        assertThat(env("notifications-service", "SPRING_MAIL_PORT")).isEqualTo(Integer.toString(ports.smtp()));
        assertThat(env("notifications-service", "KYOSO_WEB_BASE_URL")).isEqualTo("http://localhost:" + ports.gateway());
        assertThat(env("gateway", "KYOSO_POSTS_URIS")).isEqualTo("http://127.0.0.1:" + ports.posts());
        assertThat(env("gateway", "KYOSO_ONLY_GATEWAY")).isEqualTo("yes");
        assertThat(env("members-service", "KYOSO_TEST_SETTING")).isEqualTo("for-every-service");
        assertThat(TestHttp.get(platform.service("members-service").baseUrl() + "/env/KYOSO_ONLY_GATEWAY").statusCode())
                .isEqualTo(404);
    }

    @Test
    @Order(2)
    void membersServiceGetsItsOwnJavaOptionsAfterTheServices() {
        assertThat(TestHttp.get(platform.service("members-service").baseUrl() + "/jvm").body())
                .contains(SMALL_JVM + " -Xmn8m -Dkyoso.only-members=yes");
        assertThat(TestHttp.get(platform.service("posts-service").baseUrl() + "/jvm").body())
                .contains(SMALL_JVM).doesNotContain("-Xmn8m", "kyoso.only-members");
    }

    @Test
    @Order(3)
    void stopsAndRestartsOneServiceWhileTheOthersKeepRunning() {
        long oldPid = platform.service("posts-service").pid().orElseThrow();

        platform.stopService("posts-service");

        assertThat(PortProbe.isFree(ports.posts())).isTrue();
        assertThat(platform.service("gateway").isAlive()).isTrue();
        assertThat(platform.dataDir().resolve("run").resolve("state.json")).content().doesNotContain("posts-service.jar");

        platform.startService("posts-service");

        assertThat(platform.service("posts-service").isAlive()).isTrue();
        assertThat(platform.service("posts-service").pid().orElseThrow()).isNotEqualTo(oldPid);
        assertThat(TestHttp.get(platform.service("posts-service").baseUrl() + "/actuator/health").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void startsAnExtraInstanceOnAnotherPort() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }

        ServiceProcess extra = platform.startExtraInstance("notifications-service", port);

        assertThat(extra.name()).isEqualTo("notifications-service@" + port);
        assertThat(TestHttp.get(extra.baseUrl() + "/env/SERVER_PORT").body()).isEqualTo(Integer.toString(port));
        assertThat(extra.logFile().getFileName().toString()).isEqualTo("notifications-service-" + port + ".log");
        extra.stop();
        assertThat(extra.isAlive()).isFalse();
    }

    @Test
    @Order(5)
    void aServiceThatDiesWhileStartingFailsWithItsLogTail() {
        assertThatThrownBy(() -> platform.startExtraInstance("notifications-service", failingPort))
                .isInstanceOf(PlatformStartException.class)
                .hasMessageContaining("notifications-service@" + failingPort + " exited with code 3");
        assertThat(progress).anyMatch(line -> line.contains("| fake service: boom"));
    }

    @Test
    @Order(6)
    void aServiceKilledWithSigkillIsRestartedByTheSupervisorAndStatusSaysSo() {
        ServiceProcess killed = platform.service("members-service");
        long oldPid = killed.pid().orElseThrow();

        killed.process().destroyForcibly();

        await("members-service restarted").atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            ServiceProcess now = platform.service("members-service");
            return now.pid().orElse(oldPid) != oldPid && now.isAlive()
                    && TestHttp.get(now.baseUrl() + "/actuator/health").statusCode() == 200;
        });
        assertThat(progress).anyMatch(line -> line.startsWith("members-service (pid " + oldPid + ") exited with code 137"));
        RunState.Entry entry = runState().processes().stream()
                .filter(e -> e.name().equals("members-service")).findFirst().orElseThrow();
        assertThat(entry.restarts()).isEqualTo(1);
        assertThat(entry.lastExitCode()).isEqualTo(137);
        assertThat(entry.describeRestarts()).startsWith("1 (last exit 137 at ");
    }

    @Test
    @Order(7)
    void theControlEndpointStopsAServiceThatThenStaysStoppedAndStartsItAgain() throws Exception {
        ControlClient.Answer stopped = ControlClient.send(runState(), "stop", "notifications-service");

        assertThat(stopped.ok()).as(stopped.text()).isTrue();
        assertThat(stopped.text()).startsWith("notifications-service stopped");
        // the supervisor looks four times a second: a service stopped on purpose is not "crashed"
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> PortProbe.isFree(ports.notifications()));

        ControlClient.Answer started = ControlClient.send(runState(), "start", "notifications-service");

        assertThat(started.ok()).as(started.text()).isTrue();
        assertThat(TestHttp.get(platform.service("notifications-service").baseUrl() + "/actuator/health").statusCode())
                .isEqualTo(200);
        ControlClient.Answer again = ControlClient.send(runState(), "start", "notifications-service");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text()).contains("already running");
        assertThat(ControlClient.send(runState(), "restart", "no-such-service").status()).isEqualTo(409);
    }

    @Test
    @Order(8)
    void theControlEndpointRefusesARequestWithoutTheToken() throws Exception {
        RunState.Snapshot state = runState();
        RunState.Snapshot forged = new RunState.Snapshot(state.launcherPid(), state.startedAt(), state.gatewayUrl(),
                state.processes(), state.controlPort(), "guessed-token");

        ControlClient.Answer answer = ControlClient.send(forged, "stop", "gateway");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(platform.service("gateway").isAlive()).isTrue();
        assertThat(java.nio.file.Files.getPosixFilePermissions(platform.dataDir().resolve("run").resolve("state.json")))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }

    @Test
    @Order(9)
    void theCapturesAndTheMongoWireServerStopAndStartInPlace() throws Exception {
        assertThat(ControlClient.send(runState(), "stop", "smtp").text()).startsWith("smtp stopped");
        assertThat(PortProbe.isFree(ports.smtp())).isTrue();
        assertThat(PortProbe.isFree(ports.mailApi())).as("the captured mails stay readable").isFalse();
        assertThat(ControlClient.send(runState(), "start", "smtp").ok()).isTrue();
        assertThat(PortProbe.isListening(ports.smtp())).isTrue();

        assertThat(ControlClient.send(runState(), "stop", "mongo").ok()).isTrue();
        assertThat(PortProbe.isFree(ports.mongo())).isTrue();
        assertThat(ControlClient.send(runState(), "restart", "mongo").ok()).isTrue();
        assertThat(PortProbe.isListening(ports.mongo())).isTrue();
        assertThat(ControlClient.send(runState(), "start", "mongo").text()).contains("already running");

        assertThat(ControlClient.send(runState(), "stop", "slack").ok()).isTrue();
        assertThat(PortProbe.isFree(ports.slack())).isTrue();
        assertThat(ControlClient.send(runState(), "start", "slack").ok()).isTrue();
        assertThat(PortProbe.isListening(ports.slack())).isTrue();
    }

    @Test
    @Order(10)
    void stopEndsEveryProcessAndFreesEveryPort() {
        List<ProcessHandle> children = ProcessHandle.current().children().toList();
        assertThat(children).isNotEmpty();

        platform.stop();

        assertThat(children).noneMatch(ProcessHandle::isAlive);
        assertThat(ports.services().values()).allMatch(PortProbe::isFree);
        assertThat(ports.infrastructure().values()).allMatch(PortProbe::isFree);
        platform = null;
    }

    private RunState.Snapshot runState() {
        return new RunState(platform.dataDir()).read().orElseThrow();
    }

    private String env(String service, String name) {
        return TestHttp.get(platform.service(service).baseUrl() + "/env/" + name).body();
    }
}
