package jp.kyoso.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import tools.jackson.core.JacksonException;

/**
 * {@code <dataDir>/run/state.json}: what a running launcher started, so that {@code status} and {@code down} (other
 * JVMs) can find it.
 */
final class RunState {

    /** How status checks an entry: an HTTP health endpoint, or only that the port accepts connections. */
    enum Probe { HTTP_HEALTH, TCP }

    /**
     * @param commandMarker text the process's command line contains; guards {@code down} against a reused pid
     * @param startedAt     the process's start time, the same guard where the command line is not readable
     */
    record Entry(String name, long pid, int port, Probe probe, String commandMarker, String startedAt,
                 int restarts, Integer lastExitCode, String lastExitAt) {

        static Entry inLauncher(String name, int port) {
            ProcessHandle self = ProcessHandle.current();
            return new Entry(name, self.pid(), port, Probe.TCP, KyosoCli.class.getName(), startTime(self), 0, null,
                    null);
        }

        static Entry child(String name, Process process, int port, Probe probe, String commandMarker,
                           Supervisor.Restarts restarts) {
            return new Entry(name, process.pid(), port, probe, commandMarker, startTime(process.toHandle()),
                    restarts.count(), restarts.lastExitCode(), restarts.lastExitAt());
        }

        /** "-", or "2 (last exit 137 at 2026-11-28T20:41:03Z)" as status shows it. */
        String describeRestarts() {
            if (restarts == 0 && lastExitCode == null) {
                return "-";
            }
            return restarts + (lastExitCode == null ? "" : " (last exit " + lastExitCode + " at " + lastExitAt + ")");
        }

        boolean runsInLauncher(long launcherPid) {
            return pid == launcherPid;
        }

        /** The live process this entry describes, if it is still the same process. */
        Optional<ProcessHandle> liveProcess() {
            return LiveProcesses.find(pid).filter(this::isSameProcess);
        }

        private boolean isSameProcess(ProcessHandle handle) {
            Optional<String> commandLine = handle.info().commandLine();
            if (commandLine.isPresent()) {
                return commandLine.get().contains(commandMarker);
            }
            return startedAt != null && startedAt.equals(startTime(handle));
        }

        private static String startTime(ProcessHandle handle) {
            return handle.info().startInstant().map(Instant::toString).orElse(null);
        }
    }

    /** controlPort and controlToken: where {@code ./kyoso stop|start|restart} reach this launcher (ControlServer). */
    record Snapshot(long launcherPid, String startedAt, String gatewayUrl, List<Entry> processes, Integer controlPort,
                    String controlToken) {

        Optional<ProcessHandle> liveLauncher() {
            return processes.stream()
                    .filter(entry -> entry.runsInLauncher(launcherPid))
                    .findFirst()
                    .flatMap(Entry::liveProcess)
                    .or(() -> LiveProcesses.find(launcherPid)
                            .filter(h -> h.info().commandLine().map(c -> c.contains(KyosoCli.class.getName()))
                                    .orElse(false)));
        }
    }

    private final Path file;

    RunState(Path dataDir) {
        this.file = dataDir.resolve("run").resolve("state.json");
    }

    Path file() {
        return file;
    }

    void write(Snapshot snapshot) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(temporary);
            createOwnerOnly(temporary);
            Files.writeString(temporary, CaptureHttpServer.JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(snapshot), StandardCharsets.UTF_8);
            try {
                // readers never see half a file
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // the platform runs fine without it; only status/down lose track
            System.err.println("[kyoso] could not write " + file + ": " + e.getMessage());
        }
    }

    /** The file holds the control token: only its owner may read it. */
    private static void createOwnerOnly(Path path) throws IOException {
        try {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(path);
        }
    }

    Optional<Snapshot> read() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(CaptureHttpServer.JSON.readValue(Files.readString(file, StandardCharsets.UTF_8),
                    Snapshot.class));
        } catch (IOException | JacksonException e) {
            return Optional.empty();
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            System.err.println("[kyoso] could not delete " + file + ": " + e.getMessage());
        }
    }
}
