package jp.kyoso.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts and stops the JVMs the platform forks (Kafka and the services).
 */
final class ChildProcesses {

    static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private static final Optional<Path> SETSID = findSetsid();

    private ChildProcesses() {
    }

    /** The java executable of the JVM we run in, so that children use the same JDK. */
    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Starts {@code command} with stdout and stderr appended to {@code logFile}.
     * <p>
     * On Linux the child gets its own session (setsid execs, so the pid stays the java pid): a Ctrl-C in the terminal
     * then reaches only the launcher, which stops the services before Kafka instead of everything dying at once.
     */
    static Process start(List<String> command, Map<String, String> environment, Path workingDirectory, Path logFile)
            throws IOException {
        List<String> full = new ArrayList<>();
        SETSID.ifPresent(setsid -> full.add(setsid.toString()));
        full.addAll(command);
        Files.createDirectories(logFile.getParent());
        ProcessBuilder builder = new ProcessBuilder(full)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        builder.environment().clear();
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** SIGTERM to all, then up to {@link #STOP_GRACE} for all of them together, then SIGKILL to the rest. */
    static void stopAll(List<Process> processes) {
        processes.forEach(Process::destroy);
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (Process process : processes) {
            long left = Math.max(0, deadline - System.nanoTime());
            if (!waitFor(process, left)) {
                process.destroyForcibly();
            }
        }
        for (Process process : processes) {
            waitFor(process, TimeUnit.SECONDS.toNanos(5));
        }
    }

    static void stop(Process process) {
        stopAll(List.of(process));
    }

    /** Same as {@link #stopAll} for a process this JVM did not start (left over by a launcher that was killed). */
    static void stopHandle(ProcessHandle handle) {
        handle.destroy();
        try {
            handle.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception timeoutOrInterrupt) {
            handle.destroyForcibly();
            try {
                handle.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // it gets reported as still running by the caller
            }
        }
    }

    private static boolean waitFor(Process process, long nanos) {
        try {
            return process.waitFor(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static Optional<Path> findSetsid() {
        if (!System.getProperty("os.name").toLowerCase().contains("linux")) {
            return Optional.empty();
        }
        return List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid")).stream()
                .filter(Files::isExecutable)
                .findFirst();
    }
}
