package jp.kyoso.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The whole Kyoso platform on one machine: a Kafka broker (own JVM), a MongoDB-wire server, SMTP and Slack-webhook
 * capture (in this JVM) and the four services (one JVM each).
 * <pre>{@code
 * LocalPlatform platform = LocalPlatform.builder()
 *         .repositoryRoot(root).dataDir(tmp).ports(Ports.randomFree())
 *         .env("KYOSO_SOME_SETTING", "value")
 *         .build();
 * platform.start();
 * ...
 * platform.stopService("posts-service");
 * platform.startService("posts-service");
 * platform.stop();
 * }</pre>
 * A JVM shutdown hook stops whatever is still running if the caller does not.
 */
public final class LocalPlatform implements AutoCloseable {

    /**
     * The services' and the gateway's heap and native memory, sized from the scale benchmark at 300,000 posts (README
     * "Performance", "Memory after a load"). With only {@code -Xmx160m} the serial collector's initial heap was all
     * 160 MB, and after a load it all stayed resident (306-367 MB), while 30-50 MB survived a full collection.
     * Now the heap starts at 64 MB with a 24 MB young generation, grows when less than a fifth of the old generation
     * is free after a collection and shrinks when more than 40 % is; glibc's freed memory goes back every 30 s where
     * the JDK can ({@link JvmOptions}; MALLOC_ARENA_MAX in {@link ServiceEnvironment} too). Measured: 217-242 MB
     * idle after start, 254-301 MB idle after the benchmark. G1 with its periodic collection left posts-service at
     * 335-343 MB and was slower. The heap shrinks at a full collection, which an idle service only gets from
     * platform-support's IdleHeapRelease; {@code -XX:-ShrinkHeapInSteps} lets that one collection give back all the
     * excess (by default each full collection gives back only a growing share of it, none at the first).
     */
    static final String HEAP_OPTIONS = "-Xms64m -Xmn24m -Xmx160m -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40"
            + " -XX:-ShrinkHeapInSteps -Xss512k -XX:+UseSerialGC" + JvmOptions.nativeHeapTrim(Duration.ofSeconds(30));

    /**
     * members-, posts- and notifications-service: C1 only. Measured on 2 cores (README, "Gateway cost"): with full
     * tiered compilation posts-service spends 0.34-0.51 ms CPU per GET /api/channels instead of 0.85-1.24 ms, but every
     * service sits at 304-309 MB resident when idle (C1 only: 252-296 MB) and the budget is 300 MB per service; the
     * services do not carry the gateway's per-request overhead, so they stay on C1.
     * <p>
     * The heap ({@link #HEAP_OPTIONS}) starts at 64 MB and grows and shrinks with what stays alive; see there.
     * <p>
     * A 24 MB code cache: C1 compiles nearly everything that runs a few hundred times, Spring's start-up included,
     * and posts-service's code reached 31 MB of a 32 MB cache (33-44 MB uncapped) after the scale benchmark, most of it
     * never run again. With 24 MB the JVM's sweeper flushes the cold code instead (the cache never filled), and
     * posts-service sat at 298-300 MB resident idle after that load instead of 305 (32 MB) and 314 (uncapped).
     * Measured cost: compiling and sweeping took 2.7-6.6 % of each service's CPU in a warm 20 s run at 30 replies/s.
     */
    public static final String DEFAULT_SERVICE_JAVA_OPTIONS = HEAP_OPTIONS
            + " -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=24m -XX:MaxMetaspaceSize=160m -Dfile.encoding=UTF-8";
    /**
     * The gateway: full tiered compilation (C2), two compiler threads, a bounded code cache. Every request passes it,
     * and its reactive filter chain is many small calls that only C2 inlines. Measured on 2 cores with the token cache
     * (README, "Gateway cost"): CPU per proxied GET 1.32 ms under C1 only, 0.58-0.60 ms with C2 once warm.
     * A 48 MB code cache was not faster; closed-loop throughput against nginx on the same route ranged 0.46-0.80
     * (C1 only, before the token cache: 0.41-0.48).
     * <p>
     * One event-loop thread ({@code reactor.netty.ioWorkerCount=1}): Reactor Netty starts at least four, and on the
     * two cores that the gateway shares with the services, the broker and the MongoDB-wire server, a request and its
     * proxied call went from one loop to another. Measured under closed-loop load (README, "Gateway vs nginx"): 4.4-4.6
     * context switches per request with four loops, 3.3-3.4 with two, 2.2-2.3 with one, and the gateway's CPU per
     * request 0.53-0.54 ms, 0.53-0.54 and 0.48. One loop still carries about 2,000 proxied requests per second.
     * <p>
     * No flushing of compiled code ({@code -XX:-UseCodeCacheFlushing}): JDK 17's sweeper took code that had not been on
     * a stack lately for cold and threw it away, 11,279 methods in one sweep under steady load, and the gateway spent
     * seconds compiling it again at a fraction of its speed. Without flushing its code cache levelled off at 29 MB.
     */
    public static final String DEFAULT_GATEWAY_JAVA_OPTIONS =
            HEAP_OPTIONS + " -XX:CICompilerCount=2 -XX:ReservedCodeCacheSize=64m -XX:-UseCodeCacheFlushing"
                    + " -XX:MaxMetaspaceSize=160m -Dreactor.netty.ioWorkerCount=1 -Dfile.encoding=UTF-8";
    /**
     * Added after the service options for members-service: a 32 MB young generation with two 8 MB survivor spaces,
     * kept until nearly full. A sign-in's Argon2id hash (members-service's {@code PasswordHashingProperties}) allocates
     * its 7 MiB of blocks at once and uses them until it ends; with 2.4 MB survivor spaces a young collection in the
     * middle of a hash copied most of them to the old generation, and every few sign-ins ended in a full collection.
     * Measured, 40 sign-ins in a row: full collections 25 (19 MiB hashes, 24 MB young generation) or 4 (7 MiB, 24 MB)
     * to 0 (7 MiB, this); p50 182 to 99 ms; resident idle after them 240, 265 and 255 MB.
     */
    public static final String DEFAULT_MEMBERS_EXTRA_JAVA_OPTIONS =
            "-Xmn32m -XX:SurvivorRatio=2 -XX:TargetSurvivorRatio=90";
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(120);
    private static final int LOG_TAIL_LINES = 30;

    private final Path repositoryRoot;
    private final Path dataDir;
    private final Ports ports;
    private final boolean withServices;
    private final List<String> serviceJavaOptions;
    private final List<String> gatewayJavaOptions;
    private final List<String> membersJavaOptions;
    private final Duration startTimeout;
    private final Consumer<String> progress;
    private final ServiceEnvironment serviceEnvironment;

    private final KafkaBroker kafka;
    // null unless the bus is secured as in docker-compose.yml (Builder#securedBus)
    private final SecuredBus securedBus;
    private final MongoWireServer mongo;
    private final MailCapture mail;
    private final SlackCapture slack;
    private final RunState runState;
    private final Path orphanGuardJar;
    private final Supervisor supervisor;
    private final ControlServer control;

    private final Object lock = new Object();
    // guarded by lock
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final List<ServiceProcess> extraInstances = new ArrayList<>();
    private boolean started;
    private boolean infrastructureUp;
    private volatile boolean stopping;
    private volatile String startedAt;
    private Thread shutdownHook;

    private LocalPlatform(Builder builder) {
        this.repositoryRoot = builder.repositoryRoot.toAbsolutePath().normalize();
        this.dataDir = (builder.dataDir != null ? builder.dataDir : repositoryRoot.resolve("data"))
                .toAbsolutePath().normalize();
        this.ports = builder.ports;
        this.withServices = builder.withServices;
        // every JVM it forks stops when this launcher is gone (OrphanGuard)
        this.orphanGuardJar = dataDir.resolve("config").resolve("kyoso-orphan-guard.jar");
        String orphanGuard = OrphanGuardJar.javaOption(orphanGuardJar);
        this.serviceJavaOptions = withOption(splitOptions(builder.serviceJavaOptions), orphanGuard);
        this.gatewayJavaOptions = withOption(splitOptions(builder.gatewayJavaOptions), orphanGuard);
        // the JVM takes the last of two options that set the same thing: members-service's own come after
        this.membersJavaOptions = withOption(
                splitOptions(builder.serviceJavaOptions + " " + builder.membersExtraJavaOptions), orphanGuard);
        this.startTimeout = builder.startTimeout;
        this.progress = builder.progress;
        this.securedBus = builder.securedBus ? new SecuredBus() : null;
        this.serviceEnvironment = new ServiceEnvironment(ports, dataDir, builder.inheritedEnvironment, builder.env,
                builder.serviceEnv, securedBus);
        this.kafka = new KafkaBroker(dataDir, ports.kafka(), ports.kafkaController(),
                withOption(splitOptions(builder.kafkaJavaOptions), orphanGuard), securedBus);
        this.mongo = new MongoWireServer(dataDir, ports.mongo());
        this.mail = new MailCapture(ports.smtp(), ports.mailApi(), mailCaptureLimit(builder.inheritedEnvironment));
        this.slack = new SlackCapture(ports.slack());
        this.runState = new RunState(dataDir);
        this.supervisor = new Supervisor(this::supervisedProcesses, progress, this::writeRunState);
        this.control = new ControlServer(this::control);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the infrastructure, then (unless infrastructure-only) the four services in parallel, and returns when all
     * are ready. On failure everything started so far is stopped again and a {@link PlatformStartException} says why.
     */
    public void start() {
        synchronized (lock) {
            if (started) {
                throw new IllegalStateException("this platform was already started; build a new one");
            }
            started = true;
        }
        startedAt = IsoTime.now();
        installShutdownHook();
        try {
            if (withServices) {
                checkServiceJars();
            }
            checkPortsFree();
            Files.createDirectories(logsDir());
            OrphanGuardJar.write(orphanGuardJar);
            startInfrastructure();
            if (withServices) {
                List<ServiceProcess> launched = new ArrayList<>();
                for (KyosoService service : KyosoService.values()) {
                    launched.add(launchMainInstance(service));
                }
                writeRunState();
                awaitReady(launched);
            }
            control.start();
            supervisor.start();
            writeRunState();
        } catch (IOException e) {
            stop();
            throw new PlatformStartException("could not start the platform: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new PlatformStartException("interrupted while starting the platform", e);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /**
     * Stops the services (in parallel), then Kafka, then the in-process servers; safe to call more than once and from
     * any thread, also while {@link #start()} is still waiting.
     */
    public void stop() {
        stopping = true;
        // first, so that nothing stopped below is restarted as if it had crashed
        supervisor.stop();
        control.stop();
        List<ServiceProcess> toStop;
        boolean infrastructure;
        synchronized (lock) {
            toStop = new ArrayList<>(services.values());
            toStop.addAll(extraInstances);
            // an extra instance may have been stopped through its own handle already
            toStop.removeIf(process -> process.process() != null && !process.isAlive());
            services.clear();
            extraInstances.clear();
            infrastructure = infrastructureUp;
            infrastructureUp = false;
        }
        if (toStop.isEmpty() && !infrastructure) {
            // nothing of ours runs (e.g. the ports were taken); the state file, if any, is another launcher's
            removeShutdownHook();
            return;
        }
        Elapsed elapsed = Elapsed.start();
        if (!toStop.isEmpty()) {
            progress.accept("stopping " + String.join(", ", toStop.stream().map(ServiceProcess::name).toList()));
            // SIGTERM to all first, so that they shut down side by side rather than one after another
            List<Process> processes = toStop.stream().map(ServiceProcess::markStopped).filter(Objects::nonNull).toList();
            ChildProcesses.stopAll(processes);
        }
        if (infrastructure) {
            progress.accept("stopping Kafka and the capture servers");
            // one that fails to stop must not keep the others running
            stopQuietly("Kafka", kafka::stop);
            stopQuietly("the MongoDB-wire server", mongo::stop);
            stopQuietly("the mail capture", mail::stop);
            stopQuietly("the Slack capture", slack::stop);
            runState.delete();
        }
        removeShutdownHook();
        progress.accept("stopped (" + elapsed + ")");
    }

    private void stopQuietly(String what, Runnable stop) {
        try {
            stop.run();
        } catch (RuntimeException e) {
            progress.accept("could not stop " + what + " cleanly: " + e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Starts the main instance of a service that {@link #stopService} stopped, and waits until it is ready. */
    public void startService(String serviceName) {
        KyosoService service = KyosoService.byName(serviceName);
        synchronized (lock) {
            ServiceProcess current = services.get(service.moduleName());
            if (current != null && current.isAlive()) {
                throw new IllegalStateException(service.moduleName() + " is already running");
            }
        }
        requireInfrastructure();
        requireJar(service);
        requirePortFree(service.moduleName(), ports.service(serviceName));
        ServiceProcess process;
        try {
            process = launchMainInstance(service);
        } catch (IOException e) {
            synchronized (lock) {
                services.remove(service.moduleName());
            }
            throw new PlatformStartException("could not start " + serviceName + ": " + e, e);
        }
        awaitOrDiscard(process, () -> services.remove(service.moduleName(), process));
    }

    /** Stops the main instance of one service (SIGTERM, SIGKILL after 10 s); the rest keeps running. */
    public void stopService(String serviceName) {
        KyosoService service = KyosoService.byName(serviceName);
        ServiceProcess process;
        synchronized (lock) {
            process = services.remove(service.moduleName());
        }
        if (process != null) {
            progress.accept("stopping " + process.name());
            process.stop();
            writeRunState();
        }
    }

    /**
     * Starts one more instance of a service on another port (same environment otherwise) and waits until it is ready.
     * It is stopped with {@link ServiceProcess#stop()} or with the platform. Note that the gateway only routes to the
     * instances in its {@code KYOSO_*_URIS} variables; set them with {@link Builder#serviceEnv}.
     */
    public ServiceProcess startExtraInstance(String serviceName, int port) {
        KyosoService service = KyosoService.byName(serviceName);
        requireInfrastructure();
        requireJar(service);
        String name = service.moduleName() + "@" + port;
        requirePortFree(name, port);
        ServiceProcess process = newServiceProcess(service, name, port,
                logsDir().resolve(service.moduleName() + "-" + port + ".log"));
        synchronized (lock) {
            requireNotStopping();
            extraInstances.add(process);
        }
        try {
            process.launch(dataDir);
        } catch (IOException e) {
            discard(process, () -> extraInstances.remove(process));
            throw new PlatformStartException("could not start " + name + ": " + e, e);
        }
        awaitOrDiscard(process, () -> extraInstances.remove(process));
        return process;
    }

    /** Waits for one instance started on a running platform; if it does not come up, it is stopped and forgotten. */
    private void awaitOrDiscard(ServiceProcess process, Runnable forget) {
        writeRunState();
        try {
            awaitReady(List.of(process));
        } catch (PlatformStartException e) {
            discard(process, forget);
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            discard(process, forget);
            throw new PlatformStartException("interrupted while starting " + process.name(), e);
        }
    }

    private void discard(ServiceProcess process, Runnable forget) {
        process.stop();
        synchronized (lock) {
            forget.run();
        }
        writeRunState();
    }

    /** The running main instance of a service. */
    public ServiceProcess service(String serviceName) {
        KyosoService service = KyosoService.byName(serviceName);
        synchronized (lock) {
            ServiceProcess process = services.get(service.moduleName());
            if (process == null) {
                throw new IllegalStateException(service.moduleName() + " is not running");
            }
            return process;
        }
    }

    public Ports ports() {
        return ports;
    }

    public Path repositoryRoot() {
        return repositoryRoot;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path logsDir() {
        return dataDir.resolve("logs");
    }

    public boolean servicesEnabled() {
        return withServices;
    }

    public String gatewayUrl() {
        return "http://localhost:" + ports.gateway();
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Stops the broker (SIGTERM) and starts it again, waiting until it answers; what {@code ./kyoso restart kafka} does. */
    public void restartKafka() {
        controlKafka("restart");
    }

    /** The broker's JVM as it is now (it changes when the supervisor restarts it). */
    Process kafkaProcess() {
        return kafka.process();
    }

    /** True if Kafka wants SASL/SCRAM and enforces ACLs, as in docker-compose.yml ({@link Builder#securedBus}). */
    public boolean busSecured() {
        return securedBus != null;
    }

    /**
     * The Kafka client settings to sign in as {@code serviceName}'s user on a secured bus (with the bootstrap
     * servers); on an open bus, the bootstrap servers only.
     */
    public Map<String, Object> kafkaClientProperties(String serviceName) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("bootstrap.servers", kafka.bootstrapServers());
        if (securedBus != null) {
            properties.putAll(securedBus.clientProperties(KyosoService.byName(serviceName)));
        }
        return properties;
    }

    /** A connection string for {@code database} on the MongoDB-wire server. */
    public String mongoUri(String database) {
        return mongo.uri(database);
    }

    /** {@code GET} this with {@code ?to=ADDRESS} for the captured mails. */
    public String mailApiUrl() {
        return "http://localhost:" + ports.mailApi() + "/api/messages";
    }

    /** {@code GET} this with {@code ?webhook=PATH} for the captured Slack posts. */
    public String slackMessagesUrl() {
        return "http://localhost:" + ports.slack() + "/api/messages";
    }

    /** The URL to configure as a Slack webhook; what is posted to it is captured under {@code path}. */
    public String slackWebhookUrl(String path) {
        return "http://localhost:" + ports.slack() + "/hooks/" + path;
    }

    /** Direct access to the captured mails, without going through the HTTP API. */
    public MailCapture mailCapture() {
        return mail;
    }

    /** Direct access to the captured Slack posts, without going through the HTTP API. */
    public SlackCapture slackCapture() {
        return slack;
    }

    private void startInfrastructure() throws IOException, InterruptedException {
        synchronized (lock) {
            requireNotStopping();
            infrastructureUp = true;
        }
        Elapsed kafkaTime = Elapsed.start();
        progress.accept("starting Kafka " + "(log: " + displayPath(kafka.logFile()) + ")");
        try {
            kafka.launch();
        } catch (PlatformStartException e) {
            printLogTail("kafka", kafka.logFile());
            throw e;
        }
        // the in-process servers start while the broker boots
        Elapsed elapsed = Elapsed.start();
        mongo.start();
        progress.accept("mongo ready on :" + ports.mongo() + " (" + elapsed + ", data: "
                + displayPath(dataDir.resolve("mongo")) + ")");
        String compactionHint = mongo.compactionHint();
        if (compactionHint != null) {
            progress.accept(compactionHint);
        }
        elapsed = Elapsed.start();
        mail.start();
        progress.accept("smtp capture ready on :" + ports.smtp() + ", mail API on :" + ports.mailApi()
                + " (" + elapsed + ")");
        elapsed = Elapsed.start();
        slack.start();
        progress.accept("slack capture ready on :" + ports.slack() + " (" + elapsed + ")");
        try {
            kafka.awaitReady(startTimeout, () -> stopping);
        } catch (PlatformStartException e) {
            if (!stopping) {
                progress.accept(e.getMessage());
                printLogTail("kafka", kafka.logFile());
            }
            throw e;
        }
        progress.accept("kafka ready on :" + ports.kafka() + " (" + kafkaTime + ")");
        if (securedBus != null) {
            createKafkaUsersAndAcls();
        }
        writeRunState();
    }

    private void createKafkaUsersAndAcls() throws IOException, InterruptedException {
        Elapsed elapsed = Elapsed.start();
        Path log = logsDir().resolve("kafka-init.log");
        progress.accept("creating the services' Kafka users and ACLs with " + SecuredBus.INIT_SCRIPT + " (log: "
                + displayPath(log) + ")");
        try {
            securedBus.createUsersAndAcls(repositoryRoot, dataDir, kafka.classpathArgumentFile(), log);
        } catch (PlatformStartException e) {
            printLogTail("kafka-init", log);
            throw e;
        }
        progress.accept("kafka secured: SASL/SCRAM on :" + ports.kafka() + ", ACLs deny by default (" + elapsed + ")");
    }

    private ServiceProcess launchMainInstance(KyosoService service) throws IOException {
        String name = service.moduleName();
        ServiceProcess process = newServiceProcess(service, name, ports.service(name), logsDir().resolve(name + ".log"));
        synchronized (lock) {
            requireNotStopping();
            services.put(name, process);
        }
        progress.accept("starting " + name + " on :" + process.port() + " (log: " + displayPath(process.logFile()) + ")");
        process.launch(dataDir);
        return process;
    }

    private ServiceProcess newServiceProcess(KyosoService service, String name, int port, Path logFile) {
        return new ServiceProcess(name, service, jarOf(service), port,
                javaOptionsOf(service),
                serviceEnvironment.forInstance(service, port), logFile);
    }

    private List<String> javaOptionsOf(KyosoService service) {
        return switch (service) {
            case GATEWAY -> gatewayJavaOptions;
            case MEMBERS -> membersJavaOptions;
            default -> serviceJavaOptions;
        };
    }

    /** Polls every launched instance until all are ready; the first that dies or is late fails the start. */
    private void awaitReady(List<ServiceProcess> launched) throws InterruptedException {
        List<ServiceProcess> waiting = new ArrayList<>(launched);
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (!waiting.isEmpty()) {
            if (stopping) {
                throw new PlatformStartException("stopped while starting");
            }
            for (ServiceProcess process : List.copyOf(waiting)) {
                Process jvm = process.process();
                if (!jvm.isAlive()) {
                    failService(process, process.name() + " exited with code " + jvm.exitValue()
                            + " before it was ready");
                }
                if (process.isReady()) {
                    waiting.remove(process);
                    progress.accept(process.name() + " ready on :" + process.port() + " (" + process.sinceLaunch() + ")");
                }
            }
            if (!waiting.isEmpty() && System.nanoTime() > deadline) {
                ServiceProcess late = waiting.get(0);
                failService(late, late.name() + " was not ready after " + startTimeout.toSeconds()
                        + " s (readiness: " + late.baseUrl() + "/actuator/health/readiness)");
            }
            if (!waiting.isEmpty()) {
                // waiting on a child's exit doubles as the pause between polls and notices a crash at once
                waiting.get(0).process().waitFor(250, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void failService(ServiceProcess process, String message) {
        progress.accept(message);
        printLogTail(process.name(), process.logFile());
        throw new PlatformStartException(message + "; see " + process.logFile());
    }

    private void printLogTail(String name, Path logFile) {
        List<String> lines = LogTail.lastLines(logFile, LOG_TAIL_LINES);
        if (lines.isEmpty()) {
            progress.accept("(" + name + " wrote no log at " + logFile + ")");
            return;
        }
        progress.accept("last " + lines.size() + " lines of " + displayPath(logFile) + ":");
        lines.forEach(line -> progress.accept("  | " + line));
    }

    private void checkServiceJars() {
        List<String> missing = new ArrayList<>();
        for (KyosoService service : KyosoService.values()) {
            if (!Files.isRegularFile(jarOf(service))) {
                missing.add(displayPath(jarOf(service)));
            }
        }
        if (!missing.isEmpty()) {
            throw new PlatformStartException("service jar" + (missing.size() > 1 ? "s" : "") + " not found: "
                    + String.join(", ", missing) + ". Build them with './mvnw -q -DskipTests package' "
                    + "(./kyoso up does that when they are missing).");
        }
    }

    private void requireJar(KyosoService service) {
        if (!Files.isRegularFile(jarOf(service))) {
            throw new PlatformStartException("service jar not found: " + jarOf(service));
        }
    }

    private void checkPortsFree() {
        Map<String, Integer> wanted = new LinkedHashMap<>(ports.infrastructure());
        if (withServices) {
            wanted.putAll(ports.services());
        }
        Map<Integer, String> seen = new HashMap<>();
        List<String> problems = new ArrayList<>();
        wanted.forEach((name, port) -> {
            String other = seen.putIfAbsent(port, name);
            if (other != null) {
                problems.add("port " + port + " is configured for both " + other + " and " + name);
            } else if (!PortProbe.isFree(port)) {
                problems.add("port " + port + " (" + name + ") is already in use");
            }
        });
        if (!problems.isEmpty()) {
            problems.forEach(progress);
            throw new PlatformStartException(String.join("; ", problems)
                    + ". Stop what uses it (./kyoso status shows a running Kyoso) or move Kyoso with the KYOSO_*_PORT "
                    + "variables.");
        }
    }

    private void requirePortFree(String name, int port) {
        if (!PortProbe.isFree(port)) {
            throw new PlatformStartException("port " + port + " (" + name + ") is already in use");
        }
    }

    private void requireInfrastructure() {
        synchronized (lock) {
            requireNotStopping();
            if (!infrastructureUp) {
                throw new IllegalStateException("the platform is not started");
            }
        }
    }

    private void requireNotStopping() {
        if (stopping) {
            throw new PlatformStartException("the platform is stopping");
        }
    }

    private Path jarOf(KyosoService service) {
        return repositoryRoot.resolve(service.moduleName()).resolve("target").resolve(service.moduleName() + ".jar");
    }

    private void writeRunState() {
        List<RunState.Entry> entries = new ArrayList<>();
        synchronized (lock) {
            if (stopping) {
                return;
            }
            Process broker = kafka.process();
            if (broker != null) {
                entries.add(RunState.Entry.child("kafka", broker, ports.kafka(), RunState.Probe.TCP, "kafka.Kafka",
                        supervisor.restarts("kafka")));
            }
            entries.add(RunState.Entry.inLauncher("mongo", ports.mongo()));
            entries.add(RunState.Entry.inLauncher("smtp", ports.smtp()));
            entries.add(RunState.Entry.inLauncher("mail-api", ports.mailApi()));
            entries.add(RunState.Entry.inLauncher("slack-capture", ports.slack()));
            List<ServiceProcess> all = new ArrayList<>(services.values());
            all.addAll(extraInstances);
            for (ServiceProcess service : all) {
                Process process = service.process();
                if (process != null && process.isAlive()) {
                    entries.add(RunState.Entry.child(service.name(), process, service.port(),
                            RunState.Probe.HTTP_HEALTH, service.service().moduleName() + ".jar",
                            supervisor.restarts(service.name())));
                }
            }
        }
        runState.write(new RunState.Snapshot(ProcessHandle.current().pid(), startedAt,
                withServices ? gatewayUrl() : null, entries, control.port() == 0 ? null : control.port(),
                control.token()));
    }

    private void installShutdownHook() {
        Thread hook = new Thread(this::stop, "kyoso-local-platform-shutdown");
        synchronized (lock) {
            shutdownHook = hook;
        }
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private void removeShutdownHook() {
        Thread hook;
        synchronized (lock) {
            hook = shutdownHook;
            shutdownHook = null;
        }
        if (hook == null || hook == Thread.currentThread()) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException jvmAlreadyShuttingDown) {
            // the hook is running or about to; it finds nothing left to stop
        }
    }

    private String displayPath(Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        return path.startsWith(cwd) ? cwd.relativize(path).toString() : path.toString();
    }

    /** KYOSO_MAIL_CAPTURE_MAX_MESSAGES: how many mails the capture keeps (README, "Configuration"). */
    static int mailCaptureLimit(Map<String, String> environment) {
        String value = environment.get("KYOSO_MAIL_CAPTURE_MAX_MESSAGES");
        if (value == null || value.isBlank()) {
            return MailCapture.DEFAULT_MAX_MESSAGES;
        }
        try {
            return Math.max(1, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("KYOSO_MAIL_CAPTURE_MAX_MESSAGES must be a number, not '" + value + "'");
        }
    }

    /** What the supervisor watches: the main instance of each service not stopped on purpose, and Kafka. */
    private List<Supervisor.Target> supervisedProcesses() {
        List<Supervisor.Target> targets = new ArrayList<>();
        synchronized (lock) {
            if (stopping) {
                return targets;
            }
            if (infrastructureUp && !kafka.isPaused()) {
                targets.add(new Supervisor.Target("kafka", kafka.process(), kafka::isPaused,
                        kafka::relaunchAfterCrash));
            }
            for (ServiceProcess process : services.values()) {
                if (!process.wasStopped()) {
                    targets.add(new Supervisor.Target(process.name(), process.process(), process::wasStopped,
                            () -> relaunchAfterCrash(process)));
                }
            }
        }
        return targets;
    }

    /** Launches a crashed main instance again, unless it was stopped or replaced on purpose meanwhile. */
    private boolean relaunchAfterCrash(ServiceProcess crashed) throws IOException {
        synchronized (lock) {
            if (stopping || crashed.wasStopped() || services.get(crashed.name()) != crashed) {
                return false;
            }
        }
        launchMainInstance(crashed.service());
        return true;
    }

    /** {@code ./kyoso stop|start|restart NAME} (ControlServer): a service by its module name, or "kafka". */
    private String control(String verb, String name) {
        switch (name) {
            case "kafka" -> {
                return controlKafka(verb);
            }
            case "smtp" -> {
                return controlInProcess(verb, name, mail::stopSmtp, mail::startSmtp,
                        "the services keep their mails and retry; captured mails stay readable");
            }
            case "slack" -> {
                return controlInProcess(verb, name, slack::stop, slack::start,
                        "Slack messages wait and are retried; what was captured stays");
            }
            case "mongo" -> {
                return controlInProcess(verb, name, mongo::stop, mongo::start,
                        "every service's database is away until ./kyoso start mongo");
            }
            default -> {
                return controlService(verb, name);
            }
        }
    }

    /** The SMTP capture or the MongoDB-wire server, which live in this JVM: stopped and started in place. */
    @FunctionalInterface
    private interface Start {
        void run() throws IOException;
    }

    private String controlInProcess(String verb, String name, Runnable stop, Start start, String whileStopped) {
        requireInfrastructure();
        if (!verb.equals("start")) {
            progress.accept("stopping " + name + " (" + verb + " requested)");
            stop.run();
        }
        if (verb.equals("stop")) {
            return name + " stopped; " + whileStopped + " (./kyoso start " + name + ")";
        }
        try {
            start.run();
        } catch (IOException e) {
            throw new PlatformStartException("could not start " + name + ": " + e, e);
        }
        progress.accept(name + " listening again");
        return name + " started (" + IsoTime.now() + ")";
    }

    private String controlService(String verb, String name) {
        KyosoService service = KyosoService.byName(name);
        switch (verb) {
            case "stop" -> stopService(name);
            case "start" -> startService(name);
            default -> {
                stopService(name);
                startService(name);
            }
        }
        return service.moduleName() + (verb.equals("stop") ? " stopped" : " started and ready") + " ("
                + IsoTime.now() + ")";
    }

    private String controlKafka(String verb) {
        requireInfrastructure();
        if (!verb.equals("start")) {
            progress.accept("stopping kafka (" + verb + " requested)");
            kafka.stopForNow();
            writeRunState();
        }
        if (verb.equals("stop")) {
            return "kafka stopped; the services retry until it is back (./kyoso start kafka)";
        }
        if (!kafka.isPaused() && kafka.process() != null && kafka.process().isAlive()) {
            throw new IllegalStateException("kafka is already running");
        }
        try {
            kafka.startAgain();
            kafka.awaitReady(startTimeout, () -> stopping);
        } catch (IOException e) {
            throw new PlatformStartException("could not start kafka: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformStartException("interrupted while starting kafka", e);
        }
        writeRunState();
        progress.accept("kafka ready on :" + ports.kafka());
        return "kafka started and ready (" + IsoTime.now() + ")";
    }

    private static List<String> withOption(List<String> options, String option) {
        List<String> all = new ArrayList<>(options);
        all.add(option);
        return all;
    }

    private static List<String> splitOptions(String options) {
        return options == null || options.isBlank() ? List.of() : Arrays.asList(options.trim().split("\\s+"));
    }

    /**
     * Builds a {@link LocalPlatform}. Defaults: the repository found from the working directory, {@code <root>/data},
     * the documented ports, all four services, JVM options and start timeout from {@code KYOSO_SERVICE_JAVA_OPTS},
     * {@code KYOSO_GATEWAY_JAVA_OPTS}, {@code KYOSO_KAFKA_JAVA_OPTS} and {@code KYOSO_START_TIMEOUT_SECONDS} if set.
     */
    public static final class Builder {

        private Path repositoryRoot;
        private Path dataDir;
        private Ports ports = Ports.defaults();
        private boolean withServices = true;
        private String serviceJavaOptions = envOr("KYOSO_SERVICE_JAVA_OPTS", DEFAULT_SERVICE_JAVA_OPTIONS);
        private String gatewayJavaOptions = envOr("KYOSO_GATEWAY_JAVA_OPTS", DEFAULT_GATEWAY_JAVA_OPTIONS);
        private String membersExtraJavaOptions = envOr("KYOSO_MEMBERS_JAVA_OPTS", DEFAULT_MEMBERS_EXTRA_JAVA_OPTIONS);
        private String kafkaJavaOptions = envOr("KYOSO_KAFKA_JAVA_OPTS", KafkaBroker.DEFAULT_JAVA_OPTIONS);
        private Duration startTimeout = timeoutFromEnvironment();
        private Consumer<String> progress = line -> System.out.println("[kyoso] " + line);
        private Map<String, String> inheritedEnvironment = System.getenv();
        private final Map<String, String> env = new HashMap<>();
        private final Map<String, Map<String, String>> serviceEnv = new HashMap<>();
        private boolean securedBus;

        private Builder() {
        }

        /** The directory with the service modules (their jars are {@code <root>/<module>/target/<module>.jar}). */
        public Builder repositoryRoot(Path repositoryRoot) {
            this.repositoryRoot = repositoryRoot;
            return this;
        }

        /** Where Kafka, MongoDB and the logs keep their files; default {@code <root>/data}. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder ports(Ports ports) {
            this.ports = Objects.requireNonNull(ports);
            return this;
        }

        /** False: infrastructure only (Kafka, MongoDB-wire, SMTP and Slack capture), no service JVMs. */
        public Builder services(boolean withServices) {
            this.withServices = withServices;
            return this;
        }

        /**
         * True: Kafka as docker-compose.yml runs it, SASL/SCRAM-SHA-512 for every client and ACLs deny by default,
         * with the users and ACLs of {@code deploy/compose/kafka/init-users-and-acls.sh}; default false (open on the
         * loopback address).
         */
        public Builder securedBus(boolean securedBus) {
            this.securedBus = securedBus;
            return this;
        }

        /** An environment variable for every service JVM; wins over the platform's own wiring. */
        public Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        /** An environment variable for one service's JVMs only; wins over {@link #env}. */
        public Builder serviceEnv(String serviceName, String key, String value) {
            serviceEnv.computeIfAbsent(KyosoService.byName(serviceName).moduleName(), k -> new HashMap<>())
                    .put(key, value);
            return this;
        }

        /** The environment the service JVMs inherit; default this JVM's. */
        public Builder inheritedEnvironment(Map<String, String> inheritedEnvironment) {
            this.inheritedEnvironment = Map.copyOf(inheritedEnvironment);
            return this;
        }

        /** JVM options for each service but the gateway, split on whitespace. */
        public Builder serviceJavaOptions(String options) {
            this.serviceJavaOptions = options;
            return this;
        }

        /** JVM options for members-service only, after {@link #serviceJavaOptions}, split on whitespace. */
        public Builder membersExtraJavaOptions(String options) {
            this.membersExtraJavaOptions = options;
            return this;
        }

        /** JVM options for the gateway, split on whitespace. */
        public Builder gatewayJavaOptions(String options) {
            this.gatewayJavaOptions = options;
            return this;
        }

        /** JVM options for the Kafka broker, split on whitespace. */
        public Builder kafkaJavaOptions(String options) {
            this.kafkaJavaOptions = options;
            return this;
        }

        /** How long Kafka, and then the services, may take to become ready. */
        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = Objects.requireNonNull(startTimeout);
            return this;
        }

        /** Where progress lines go ("kafka ready on :9092 (2.1 s)"); default stdout with a "[kyoso] " prefix. */
        public Builder progress(Consumer<String> progress) {
            this.progress = Objects.requireNonNull(progress);
            return this;
        }

        public LocalPlatform build() {
            if (repositoryRoot == null) {
                repositoryRoot = findRepositoryRoot(Path.of("").toAbsolutePath());
            }
            return new LocalPlatform(this);
        }

        /** The nearest directory at or above {@code start} that has the {@code local-platform} module. */
        public static Path findRepositoryRoot(Path start) {
            for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("local-platform").resolve("pom.xml"))) {
                    return dir;
                }
            }
            throw new IllegalStateException("no Kyoso repository (a directory with local-platform/pom.xml) at or above "
                    + start + "; set it with repositoryRoot(...)");
        }

        private static String envOr(String variable, String defaultValue) {
            String value = System.getenv(variable);
            return value == null || value.isBlank() ? defaultValue : value;
        }

        private static Duration timeoutFromEnvironment() {
            String value = System.getenv("KYOSO_START_TIMEOUT_SECONDS");
            if (value == null || value.isBlank()) {
                return DEFAULT_START_TIMEOUT;
            }
            try {
                return Duration.ofSeconds(Long.parseLong(value.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("KYOSO_START_TIMEOUT_SECONDS must be a number of seconds, was '"
                        + value + "'");
            }
        }
    }
}
