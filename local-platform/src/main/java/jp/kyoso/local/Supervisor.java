package jp.kyoso.local;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Restarts a service or the Kafka broker that exited without being told to, with backoff (1 s, 2 s, 4 s … up to
 * {@link #MAX_BACKOFF}; back to 1 s once it has run for {@link #STABLE_AFTER}), and says so in the launcher's output.
 * What was stopped on purpose ({@code ./kyoso stop NAME}, {@code down}) is not in the list it is given.
 */
final class Supervisor {

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    static final Duration STABLE_AFTER = Duration.ofSeconds(60);
    private static final long CHECK_EVERY_MS = 250;

    /**
     * One supervised process as it is now: the JVM (null if never launched), whether it has meanwhile been stopped on
     * purpose (asked again when it is found dead, so that a deliberate stop is not reported as a crash), and how to
     * launch it again.
     */
    record Target(String name, Process process, BooleanSupplier stoppedOnPurpose, Relaunch relaunch) {
    }

    /** Launches the process again; false if it turned out to have been stopped on purpose meanwhile. */
    @FunctionalInterface
    interface Relaunch {
        boolean run() throws Exception;
    }

    /** What {@code ./kyoso status} shows for a process: how often it was restarted, and its last unexpected exit. */
    record Restarts(int count, Integer lastExitCode, String lastExitAt) {
        static final Restarts NONE = new Restarts(0, null, null);
    }

    private static final class State {
        int restarts;
        int inARow;
        Integer lastExitCode;
        Instant lastExitAt;
        long handledPid = -1;
        Instant dueAt;
        Instant launchedAt = Instant.now();
    }

    private final Supplier<List<Target>> targets;
    private final Consumer<String> progress;
    private final Runnable changed;
    private final Map<String, State> states = new HashMap<>();
    private volatile boolean stopped;
    private Thread thread;

    Supervisor(Supplier<List<Target>> targets, Consumer<String> progress, Runnable changed) {
        this.targets = targets;
        this.progress = progress;
        this.changed = changed;
    }

    synchronized void start() {
        thread = new Thread(this::loop, "kyoso-supervisor");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        stopped = true;
        Thread current;
        synchronized (this) {
            current = thread;
        }
        if (current != null && current != Thread.currentThread()) {
            current.interrupt();
            try {
                current.join(Duration.ofSeconds(15).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    synchronized Restarts restarts(String name) {
        State state = states.get(name);
        if (state == null) {
            return Restarts.NONE;
        }
        return new Restarts(state.restarts, state.lastExitCode,
                state.lastExitAt == null ? null : state.lastExitAt.toString());
    }

    private void loop() {
        while (!stopped) {
            try {
                checkOnce(Instant.now());
                Thread.sleep(CHECK_EVERY_MS);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                progress.accept("supervisor: " + e);
            }
        }
    }

    /** One round: notices new exits, and relaunches what is due. */
    void checkOnce(Instant now) {
        for (Target target : targets.get()) {
            if (stopped) {
                return;
            }
            Process process = target.process();
            if (process == null) {
                continue;
            }
            State state;
            synchronized (this) {
                state = states.computeIfAbsent(target.name(), name -> new State());
            }
            if (process.isAlive()) {
                if (state.inARow > 0 && Duration.between(state.launchedAt, now).compareTo(STABLE_AFTER) >= 0) {
                    state.inARow = 0;
                }
                continue;
            }
            if (state.handledPid != process.pid()) {
                if (target.stoppedOnPurpose().getAsBoolean()) {
                    continue;
                }
                noticeExit(target.name(), process, state, now);
            }
            if (!now.isBefore(state.dueAt)) {
                relaunch(target, state, now);
            }
        }
    }

    private void noticeExit(String name, Process process, State state, Instant now) {
        synchronized (this) {
            state.handledPid = process.pid();
            state.lastExitCode = process.exitValue();
            state.lastExitAt = now;
            state.inARow++;
        }
        Duration backoff = backoff(state.inARow);
        state.dueAt = now.plus(backoff);
        progress.accept(name + " (pid " + process.pid() + ") exited with code " + process.exitValue()
                + "; restarting it in " + backoff.toSeconds() + " s");
    }

    private void relaunch(Target target, State state, Instant now) {
        try {
            if (!target.relaunch().run()) {
                state.dueAt = Instant.MAX;
                return;
            }
            synchronized (this) {
                state.restarts++;
            }
            state.launchedAt = now;
            progress.accept(target.name() + " restarted (restart " + state.restarts + ")");
            changed.run();
        } catch (Exception e) {
            synchronized (this) {
                state.inARow++;
            }
            Duration backoff = backoff(state.inARow);
            state.dueAt = now.plus(backoff);
            progress.accept("could not restart " + target.name() + ": " + e.getMessage() + "; trying again in "
                    + backoff.toSeconds() + " s");
        }
    }

    static Duration backoff(int exitsInARow) {
        long seconds = FIRST_BACKOFF.toSeconds() << Math.min(Math.max(exitsInARow - 1, 0), 5);
        return Duration.ofSeconds(Math.min(seconds, MAX_BACKOFF.toSeconds()));
    }
}
