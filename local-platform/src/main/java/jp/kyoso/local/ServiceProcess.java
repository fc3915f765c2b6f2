package jp.kyoso.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One service instance: {@code java <options> -jar <module>/target/<module>.jar} as its own JVM (run from its unpacked
 * copy, {@link ExtractedJar}), with its output appended to {@code <dataDir>/logs/<name>.log}.
 */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    private final String name;
    private final KyosoService service;
    private final Path jar;
    private final int port;
    private final List<String> javaOptions;
    private final Map<String, String> environment;
    private final Path logFile;
    private Process process;
    private boolean stopped;
    private Elapsed sinceLaunch;

    ServiceProcess(String name, KyosoService service, Path jar, int port, List<String> javaOptions,
                   Map<String, String> environment, Path logFile) {
        this.name = name;
        this.service = service;
        this.jar = jar;
        this.port = port;
        this.javaOptions = List.copyOf(javaOptions);
        this.environment = Map.copyOf(environment);
        this.logFile = logFile;
    }

    /** "posts-service", or "notifications-service@18093" for an extra instance. */
    public String name() {
        return name;
    }

    public KyosoService service() {
        return service;
    }

    public int port() {
        return port;
    }

    /** By the IPv4 loopback address, where every service listens (those behind the gateway only there). */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Path logFile() {
        return logFile;
    }

    public synchronized OptionalLong pid() {
        return process == null ? OptionalLong.empty() : OptionalLong.of(process.pid());
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Stops the JVM: SIGTERM (Spring Boot shuts down gracefully), SIGKILL after 10 s. */
    public void stop() {
        Process toStop;
        synchronized (this) {
            stopped = true;
            toStop = process;
        }
        if (toStop != null) {
            ChildProcesses.stop(toStop);
        }
    }

    synchronized boolean wasStopped() {
        return stopped;
    }

    /** Makes a later {@link #launch} fail and returns the JVM to stop, if it was launched. */
    synchronized Process markStopped() {
        stopped = true;
        return process;
    }

    /** Runs in the data directory, so that whatever a service writes to a relative path stays with the data. */
    synchronized void launch(Path workingDirectory) throws IOException {
        if (stopped) {
            throw new PlatformStartException(name + " was stopped before it started");
        }
        Files.createDirectories(logFile.getParent());
        // the log is appended to across runs; this line marks where this run begins
        Files.writeString(logFile, "==== " + IsoTime.now() + " kyoso starts " + name + " on port " + port + " ====\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        List<String> command = new ArrayList<>();
        command.add(ChildProcesses.javaExecutable());
        command.addAll(javaOptions);
        command.add("-jar");
        command.add(ExtractedJar.runnable(jar, logFile).toString());
        process = ChildProcesses.start(command, environment, workingDirectory, logFile);
        sinceLaunch = Elapsed.start();
    }

    synchronized Process process() {
        return process;
    }

    synchronized Elapsed sinceLaunch() {
        return sinceLaunch;
    }

    /** Spring Boot's readiness probe answers 200 once the application can take traffic. */
    boolean isReady() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String toString() {
        return name + " on :" + port;
    }
}
