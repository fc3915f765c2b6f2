package jp.kyoso.local;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jp.kyoso.embeddedmongo.StoreCompaction;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;

/**
 * {@code up}, {@code status} and {@code down} for the local platform; the {@code ./kyoso} script runs this.
 * <p>
 * Configuration comes from the environment (ports: {@code KYOSO_*_PORT}, {@code KYOSO_DATA_DIR},
 * {@code KYOSO_START_TIMEOUT_SECONDS}, {@code KYOSO_SERVICE_JAVA_OPTS}, {@code KYOSO_GATEWAY_JAVA_OPTS},
 * {@code KYOSO_KAFKA_JAVA_OPTS}); the repository
 * root is the system property {@code kyoso.root}, else found from the working directory.
 */
public final class KyosoCli {

    /** {@code ./kyoso up --detach} waits for this text in the launcher's output. */
    public static final String READY_LINE = "Kyoso is up";

    private static final String PREFIX = "[kyoso] ";
    private static final int EXIT_NOT_RUNNING = 3;

    private final PrintStream out;
    private final Map<String, String> env;
    private final Path repositoryRoot;
    private final Path dataDir;

    KyosoCli(PrintStream out, Map<String, String> env, Path repositoryRoot) {
        this.out = out;
        this.env = env;
        this.repositoryRoot = repositoryRoot;
        String configured = env.get("KYOSO_DATA_DIR");
        this.dataDir = (configured == null || configured.isBlank() ? repositoryRoot.resolve("data") : Path.of(configured))
                .toAbsolutePath().normalize();
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        String rootProperty = System.getProperty("kyoso.root");
        int exitCode;
        try {
            Path root = rootProperty != null ? Path.of(rootProperty)
                    : LocalPlatform.Builder.findRepositoryRoot(Path.of("").toAbsolutePath());
            exitCode = new KyosoCli(out, System.getenv(), root).run(Arrays.asList(args));
        } catch (IllegalArgumentException | IllegalStateException e) {
            out.println(PREFIX + e.getMessage());
            exitCode = 2;
        }
        System.exit(exitCode);
    }

    int run(List<String> args) {
        String command = args.isEmpty() ? "help" : args.get(0);
        List<String> options = args.isEmpty() ? List.of() : args.subList(1, args.size());
        return switch (command) {
            case "up" -> up(options);
            case "status" -> status();
            case "down" -> down();
            case "stop", "start", "restart" -> control(command, options);
            case "compact" -> compact();
            case "help", "-h", "--help" -> help(0);
            default -> {
                out.println(PREFIX + "unknown command '" + command + "'");
                yield help(2);
            }
        };
    }

    private int up(List<String> options) {
        boolean infrastructureOnly = options.contains("--infra-only");
        boolean detached = options.contains("--detached");
        boolean securedBus = options.contains("--secured-bus");
        for (String option : options) {
            if (!List.of("--infra-only", "--detached", "--secured-bus").contains(option)) {
                out.println(PREFIX + "unknown option '" + option + "' for up");
                return 2;
            }
        }
        RunState runState = new RunState(dataDir);
        Optional<RunState.Snapshot> previous = runState.read();
        if (previous.isPresent()) {
            Optional<ProcessHandle> launcher = previous.get().liveLauncher();
            if (launcher.isPresent() && launcher.get().pid() != ProcessHandle.current().pid()) {
                out.println(PREFIX + "Kyoso is already running (launcher pid " + launcher.get().pid()
                        + "); see ./kyoso status, stop it with ./kyoso down");
                return 1;
            }
            stopLeftovers(previous.get(), "left over from a launcher that did not stop cleanly");
            runState.delete();
        }
        Ports ports = Ports.fromEnvironment(env);
        routeLibraryLoggingToFile();
        LocalPlatform platform = LocalPlatform.builder()
                .repositoryRoot(repositoryRoot)
                .dataDir(dataDir)
                .ports(ports)
                .services(!infrastructureOnly)
                .securedBus(securedBus)
                .progress(line -> out.println(PREFIX + line))
                .build();
        Elapsed elapsed = Elapsed.start();
        try {
            platform.start();
        } catch (PlatformStartException e) {
            out.println(PREFIX + "could not start: " + e.getMessage());
            return 1;
        }
        printSummary(platform, elapsed, detached);
        // the platform's shutdown hook stops everything on Ctrl-C or SIGTERM; until then there is nothing to do
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /**
     * Shrinks the MongoDB-wire server's file to its live pages ({@link StoreCompaction}). Only while nothing holds the
     * file: MVStore's file lock is the guard, so a running platform makes this refuse rather than wait.
     */
    private int compact() {
        Path store = MongoWireServer.storeFile(dataDir);
        if (!Files.exists(store)) {
            out.println(PREFIX + "nothing to compact: there is no MongoDB data file at " + store);
            return 0;
        }
        try {
            StoreCompaction.Usage usage = StoreCompaction.usage(store);
            out.println(PREFIX + "compacting " + store + ": " + StoreCompaction.megabytes(usage.fileBytes())
                    + ", of which about " + StoreCompaction.megabytes(usage.liveBytes()) + " is live data");
            StoreCompaction.Result result = StoreCompaction.compact(store);
            out.println(PREFIX + "compacted in " + result.took().toSeconds() + " s: "
                    + StoreCompaction.megabytes(result.bytesBefore()) + " -> "
                    + StoreCompaction.megabytes(result.bytesAfter()));
            return 0;
        } catch (MVStoreException e) {
            out.println(PREFIX + "could not compact " + store + ": " + e.getMessage()
                    + (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED
                    ? " (Kyoso is running: stop it with ./kyoso down first)" : ""));
            return 1;
        } catch (IllegalStateException | IOException e) {
            out.println(PREFIX + "could not compact: " + e.getMessage());
            return 1;
        }
    }

    /**
     * The in-process servers (MongoDB-wire, GreenMail, Kafka's admin client) log through slf4j-simple; their
     * complaints, with stack traces, belong in a file rather than between the progress lines.
     */
    private void routeLibraryLoggingToFile() {
        Path logFile = dataDir.resolve("logs").resolve("launcher.log");
        try {
            Files.createDirectories(logFile.getParent());
            System.setProperty("org.slf4j.simpleLogger.logFile", logFile.toString());
        } catch (IOException e) {
            out.println(PREFIX + "could not create " + logFile.getParent() + " (" + e.getMessage()
                    + "); library logs go to the console");
        }
    }

    private void printSummary(LocalPlatform platform, Elapsed elapsed, boolean detached) {
        Ports ports = platform.ports();
        out.println(PREFIX + READY_LINE + " (" + elapsed + ")" + (platform.servicesEnabled() ? "" : ", infrastructure only"));
        if (platform.servicesEnabled()) {
            out.println(PREFIX + "  web app:        " + platform.gatewayUrl() + "/  <- open this in a browser");
            out.println(PREFIX + "  gateway (API):  " + platform.gatewayUrl() + "/api");
        }
        out.println(PREFIX + "  captured mail:  " + platform.mailApiUrl() + "?to=ADDRESS");
        out.println(PREFIX + "  captured Slack: " + platform.slackMessagesUrl() + "?webhook=PATH"
                + "  (webhooks: http://localhost:" + ports.slack() + "/hooks/PATH)");
        out.println(PREFIX + "  Kafka:          " + platform.kafkaBootstrapServers()
                + ", MongoDB: mongodb://localhost:" + ports.mongo() + ", SMTP: localhost:" + ports.smtp());
        out.println(PREFIX + "  logs:           " + platform.logsDir() + " (one per process; launcher.log for the "
                + "in-process servers)");
        out.println(PREFIX + (detached ? "Stop it with ./kyoso down." : "Press Ctrl-C to stop."));
    }

    private int status() {
        Optional<RunState.Snapshot> snapshot = new RunState(dataDir).read();
        if (snapshot.isEmpty()) {
            out.println(PREFIX + "Kyoso is not running (no " + new RunState(dataDir).file() + ")");
            return EXIT_NOT_RUNNING;
        }
        RunState.Snapshot state = snapshot.get();
        Optional<ProcessHandle> launcher = state.liveLauncher();
        out.println(launcher.map(h -> PREFIX + "launcher pid " + h.pid() + ", started " + state.startedAt())
                .orElse(PREFIX + "the launcher (pid " + state.launcherPid() + ") is gone; showing what it left behind"));
        out.printf("%-28s %8s %6s  %-10s %s%n", "NAME", "PID", "PORT", "HEALTH", "RESTARTS");
        boolean allHealthy = launcher.isPresent();
        for (RunState.Entry entry : state.processes()) {
            String health = HealthProbe.describe(entry);
            allHealthy &= HealthProbe.isHealthy(health);
            out.printf("%-28s %8d %6d  %-10s %s%n", entry.name(), entry.pid(), entry.port(), health,
                    entry.describeRestarts());
        }
        if (state.gatewayUrl() != null && launcher.isPresent()) {
            out.println(PREFIX + "gateway: " + state.gatewayUrl());
        }
        return allHealthy ? 0 : 1;
    }

    /** {@code stop|start|restart NAME}: asks the running launcher (ControlServer) and prints its answer. */
    private int control(String verb, List<String> options) {
        if (options.size() != 1) {
            out.println(PREFIX + "usage: ./kyoso " + verb + " NAME (members-service, posts-service, "
                    + "notifications-service, gateway, kafka, mongo, smtp or slack)");
            return 2;
        }
        Optional<RunState.Snapshot> snapshot = new RunState(dataDir).read();
        if (snapshot.isEmpty() || snapshot.get().liveLauncher().isEmpty()) {
            out.println(PREFIX + "Kyoso is not running (./kyoso up starts it)");
            return EXIT_NOT_RUNNING;
        }
        out.println(PREFIX + verb + " " + options.get(0) + " …");
        try {
            ControlClient.Answer answer = ControlClient.send(snapshot.get(), verb, options.get(0));
            out.println(PREFIX + answer.text());
            return answer.ok() ? 0 : 1;
        } catch (IOException e) {
            out.println(PREFIX + "could not reach the launcher: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private int down() {
        RunState runState = new RunState(dataDir);
        Optional<RunState.Snapshot> snapshot = runState.read();
        if (snapshot.isEmpty()) {
            out.println(PREFIX + "Kyoso is not running; nothing to stop.");
            return 0;
        }
        Optional<ProcessHandle> launcher = snapshot.get().liveLauncher();
        boolean stoppedSomething = false;
        if (launcher.isPresent()) {
            ProcessHandle handle = launcher.get();
            out.println(PREFIX + "stopping the launcher (pid " + handle.pid() + "); it stops what it started");
            Elapsed elapsed = Elapsed.start();
            handle.destroy();
            try {
                // services and Kafka get 10 s each to stop gracefully, in that order
                handle.onExit().get(45, TimeUnit.SECONDS);
                out.println(PREFIX + "launcher stopped (" + elapsed + ")");
            } catch (Exception timeout) {
                out.println(PREFIX + "the launcher did not stop within 45 s; killing it");
                handle.destroyForcibly();
            }
            stoppedSomething = true;
        }
        stoppedSomething |= stopLeftovers(snapshot.get(), "still running");
        runState.delete();
        out.println(PREFIX + (stoppedSomething ? "Kyoso stopped." : "Kyoso was not running; removed its stale state file."));
        return 0;
    }

    /** Stops child processes from the state file that are still alive (and still the processes it recorded). */
    private boolean stopLeftovers(RunState.Snapshot snapshot, String why) {
        boolean stopped = false;
        for (RunState.Entry entry : snapshot.processes()) {
            if (entry.runsInLauncher(snapshot.launcherPid())) {
                continue;
            }
            Optional<ProcessHandle> live = entry.liveProcess();
            if (live.isPresent()) {
                out.println(PREFIX + "stopping " + entry.name() + " (pid " + entry.pid() + "), " + why);
                ChildProcesses.stopHandle(live.get());
                stopped = true;
            }
        }
        return stopped;
    }

    private int help(int exitCode) {
        out.println("""
                Usage: ./kyoso <command>

                  up [--detach] [--infra-only]  build what is missing, start Kafka, the MongoDB-wire server, mail and
                                                Slack capture and the four services; Ctrl-C stops everything
                    --secured-bus               Kafka as docker-compose.yml runs it: SASL/SCRAM, ACLs per service
                  down                          stop a platform started with --detach (or left over)
                  stop|start|restart NAME       one part of the running platform: members-service, posts-service,
                                                notifications-service, gateway, kafka, mongo, smtp or slack (a crashed
                                                service or broker is restarted by the launcher itself; one stopped
                                                with stop stays stopped)
                  status                        each process with its pid, port and health
                  compact                       while stopped: shrink the MongoDB-wire server's file to its live data
                  help                          this text

                Environment: KYOSO_GATEWAY_PORT (8080), KYOSO_MEMBERS_PORT (8081), KYOSO_POSTS_PORT (8082),
                  KYOSO_NOTIFICATIONS_PORT (8083), KYOSO_KAFKA_PORT (9092), KYOSO_KAFKA_CONTROLLER_PORT (9093),
                  KYOSO_MONGO_PORT (27017), KYOSO_SMTP_PORT (2525), KYOSO_MAIL_API_PORT (8025), KYOSO_SLACK_PORT (8090),
                  KYOSO_DATA_DIR (./data), KYOSO_START_TIMEOUT_SECONDS (120), KYOSO_SERVICE_JAVA_OPTS,
                  KYOSO_GATEWAY_JAVA_OPTS, KYOSO_KAFKA_JAVA_OPTS, KYOSO_LAUNCHER_JAVA_OPTS, KYOSO_ADMIN_EMAILS (admin@example.lg.jp).
                  Every other KYOSO_* / SPRING_* variable is passed on to the services.""");
        return exitCode;
    }
}
