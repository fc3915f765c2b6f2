package jp.kyoso.local;

import java.lang.instrument.Instrumentation;
import java.util.Optional;

/**
 * A Java agent every JVM the launcher forks runs with ({@code -javaagent:kyoso-orphan-guard.jar=<launcher pid>}): when
 * the launcher is gone (killed, crashed, its terminal closed), the child shuts down instead of lingering as an orphan
 * that holds its port and answers nothing. It exits normally first (Spring Boot and Kafka shut down gracefully) and
 * halts after {@value #GRACE_SECONDS} s if that hangs, e.g. on a database that died with the launcher.
 * <p>
 * Packed alone into its jar by {@link OrphanGuardJar}, so it uses only JDK classes and no other class of ours.
 */
public final class OrphanGuard {

    static final int GRACE_SECONDS = 15;

    private OrphanGuard() {
    }

    public static void premain(String launcherPid, Instrumentation instrumentation) {
        Optional<ProcessHandle> launcher;
        try {
            launcher = ProcessHandle.of(Long.parseLong(launcherPid.trim()));
        } catch (RuntimeException e) {
            System.err.println("kyoso orphan guard: no launcher pid in '" + launcherPid + "'; not watching");
            return;
        }
        if (launcher.isEmpty()) {
            System.err.println("kyoso orphan guard: launcher " + launcherPid + " is already gone; exiting");
            System.exit(1);
        }
        Thread watcher = new Thread(() -> {
            launcher.get().onExit().join();
            System.err.println("kyoso orphan guard: the launcher (pid " + launcherPid + ") is gone; shutting down");
            Thread halter = new Thread(() -> {
                try {
                    Thread.sleep(GRACE_SECONDS * 1000L);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                Runtime.getRuntime().halt(1);
            }, "kyoso-orphan-guard-halt");
            halter.setDaemon(true);
            halter.start();
            System.exit(1);
        }, "kyoso-orphan-guard");
        watcher.setDaemon(true);
        watcher.start();
    }
}
