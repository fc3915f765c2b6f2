package jp.kyoso.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka broker in KRaft mode (broker and controller in one node), run as its own JVM the way the
 * distribution's {@code kafka-server-start.sh} runs it.
 */
final class KafkaBroker {

    static final String DEFAULT_JAVA_OPTIONS = "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    // the broker shares the launcher's classpath, whose simplelogger.properties quiets Kafka for the launcher
    private static final List<String> LOGGING_OPTIONS = List.of(
            "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=info",
            "-Dorg.slf4j.simpleLogger.log.kafka=info",
            "-Dorg.slf4j.simpleLogger.showDateTime=true",
            "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final List<String> javaOptions;
    private final Path logFile;
    // null: open on the loopback address, as ./kyoso up runs it
    private final SecuredBus securedBus;
    // guarded by this: stop() may come from a shutdown hook while launch() is still formatting
    private Process process;
    private Process formatter;
    private boolean stopped;
    // stopped on purpose for now (./kyoso stop kafka): not restarted by the supervisor until started again
    private boolean paused;

    KafkaBroker(Path dataDir, int port, int controllerPort, List<String> javaOptions, SecuredBus securedBus) {
        this.dataDir = dataDir;
        this.securedBus = securedBus;
        this.port = port;
        this.controllerPort = controllerPort;
        this.javaOptions = List.copyOf(javaOptions);
        this.logFile = dataDir.resolve("logs").resolve("kafka.log");
    }

    String bootstrapServers() {
        return "localhost:" + port;
    }

    /** Where the launcher's own clients connect: on a secured bus, the operator listener that needs no password. */
    String operatorBootstrapServers() {
        return securedBus == null ? bootstrapServers() : securedBus.operatorBootstrapServers();
    }

    /** The java @argfile with the broker's classpath (written by {@link #launch}), also the Kafka tools' classpath. */
    Path classpathArgumentFile() {
        return dataDir.resolve("config").resolve("kafka-classpath.args");
    }

    Path logFile() {
        return logFile;
    }

    synchronized Process process() {
        return process;
    }

    /** Formats the log directory on first use, then launches the broker; {@link #awaitReady} waits for it. */
    void launch() throws IOException, InterruptedException {
        Path config = writeServerProperties();
        Path classpathArgs = writeClasspathArgumentFile();
        formatStorageIfNeeded(config, classpathArgs);
        List<String> command = javaCommand(classpathArgs);
        command.add("kafka.Kafka");
        command.add(config.toString());
        synchronized (this) {
            if (stopped) {
                throw new PlatformStartException("the platform is stopping");
            }
            process = ChildProcesses.start(command, System.getenv(), dataDir, logFile);
        }
    }

    /** Ready means an AdminClient can describe the cluster, so clients can produce and create topics. */
    void awaitReady(Duration timeout, BooleanSupplier abort) throws InterruptedException {
        Process process = process();
        long deadline = System.nanoTime() + timeout.toNanos();
        // a cheap TCP probe first: an AdminClient pointed at a closed port only logs and retries
        while (!PortProbe.isListening(port)) {
            checkAlive(process, deadline, timeout, abort);
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, operatorBootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(config)) {
            while (!clusterAnswers(admin)) {
                checkAlive(process, deadline, timeout, abort);
                process.waitFor(100, TimeUnit.MILLISECONDS);
            }
        }
    }

    private static void checkAlive(Process process, long deadline, Duration timeout, BooleanSupplier abort) {
        if (abort.getAsBoolean()) {
            throw new PlatformStartException("stopped while starting");
        }
        if (!process.isAlive()) {
            throw new PlatformStartException("the Kafka broker exited with code " + process.exitValue());
        }
        if (System.nanoTime() > deadline) {
            throw new PlatformStartException("the Kafka broker was not ready after " + timeout.toSeconds() + " s");
        }
    }

    private static boolean clusterAnswers(Admin admin) {
        try {
            return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000)).nodes()
                    .get(4, TimeUnit.SECONDS).isEmpty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception notYet) {
            return false;
        }
    }

    /** {@code ./kyoso stop kafka}: stops the broker, which the supervisor then leaves alone until {@link #startAgain}. */
    void stopForNow() {
        Process running;
        synchronized (this) {
            paused = true;
            running = process;
        }
        if (running != null) {
            ChildProcesses.stop(running);
        }
    }

    synchronized boolean isPaused() {
        return paused;
    }

    /** {@code ./kyoso start kafka}; {@link #awaitReady} waits for it. */
    void startAgain() throws IOException, InterruptedException {
        synchronized (this) {
            paused = false;
        }
        launch();
    }

    /** The supervisor's restart after a crash; false if the broker was stopped on purpose meanwhile. */
    boolean relaunchAfterCrash() throws IOException, InterruptedException {
        synchronized (this) {
            if (paused || stopped || (process != null && process.isAlive())) {
                return false;
            }
        }
        launch();
        return true;
    }

    void stop() {
        List<Process> running = new ArrayList<>();
        synchronized (this) {
            stopped = true;
            if (formatter != null) {
                running.add(formatter);
            }
            if (process != null) {
                running.add(process);
            }
        }
        running.forEach(ChildProcesses::stop);
    }

    private Path writeServerProperties() throws IOException {
        Path logDir = dataDir.resolve("kafka").toAbsolutePath();
        Files.createDirectories(logDir);
        Path config = dataDir.resolve("config").resolve("kafka-server.properties");
        Files.createDirectories(config.getParent());
        String properties = String.join("\n",
                "# written by jp.kyoso.local.KafkaBroker on every start; edits are overwritten",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@localhost:" + controllerPort,
                String.join("\n", listenerProperties()),
                "log.dirs=" + logDir.toString().replace("\\", "/"),
                "num.partitions=1",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "offsets.topic.replication.factor=1",
                // a single local broker does not need fifty partitions per internal topic; fewer start faster
                "offsets.topic.num.partitions=10",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=10",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // the log cleaner (which compacts __consumer_offsets) holds its dedupe buffer in the heap for the
                // broker's life: Kafka's 128 MiB default filled the old generation of the broker's 256 MB heap, so
                // every young collection became a full one (about 330 ms, every produce and fetch waiting). 16 MiB
                // holds about 700,000 offsets per cleaning pass, far more than a local broker's internal topics carry.
                "log.cleaner.dedupe.buffer.size=16777216",
                // services create their topics with the names and partitions they need; typos must not create new ones
                "auto.create.topics.enable=false",
                "");
        Files.writeString(config, properties, StandardCharsets.UTF_8);
        return config;
    }

    private List<String> listenerProperties() {
        if (securedBus != null) {
            return securedBus.brokerProperties(port, controllerPort);
        }
        return List.of(
                "listeners=PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + port,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT");
    }

    /** A java @argfile keeps the long classpath out of the command line (and out of {@code ps}). */
    private Path writeClasspathArgumentFile() throws IOException {
        Path file = classpathArgumentFile();
        String quoted = KafkaClasspath.current().replace("\\", "\\\\").replace("\"", "\\\"");
        Files.writeString(file, "-cp \"" + quoted + "\"\n", StandardCharsets.UTF_8);
        return file;
    }

    private void formatStorageIfNeeded(Path config, Path classpathArgs) throws IOException, InterruptedException {
        Path metaProperties = dataDir.resolve("kafka").resolve("meta.properties");
        if (Files.exists(metaProperties)) {
            return;
        }
        String clusterId = clusterId();
        List<String> command = javaCommand(classpathArgs);
        command.addAll(List.of("kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config.toString()));
        Process format;
        synchronized (this) {
            if (stopped) {
                throw new PlatformStartException("the platform is stopping");
            }
            format = ChildProcesses.start(command, System.getenv(), dataDir, logFile);
            formatter = format;
        }
        if (!format.waitFor(90, TimeUnit.SECONDS)) {
            format.destroyForcibly();
            throw new PlatformStartException("formatting the Kafka log directory took longer than 90 s");
        }
        if (format.exitValue() != 0) {
            throw new PlatformStartException("formatting the Kafka log directory failed (exit code "
                    + format.exitValue() + ")");
        }
    }

    /** The cluster id survives in the data dir so that a half-finished first format retries with the same id. */
    private String clusterId() throws IOException {
        Path file = dataDir.resolve("kafka-cluster-id");
        if (Files.exists(file)) {
            String id = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (!id.isEmpty()) {
                return id;
            }
        }
        String id = Uuid.randomUuid().toString();
        Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
        return id;
    }

    private List<String> javaCommand(Path classpathArgs) {
        List<String> command = new ArrayList<>();
        command.add(ChildProcesses.javaExecutable());
        command.addAll(javaOptions);
        command.addAll(LOGGING_OPTIONS);
        command.add("@" + classpathArgs);
        return command;
    }
}
