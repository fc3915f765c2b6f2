package jp.kyoso.load.scale;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Daemon worker threads: a failed run must end, not wait for idle workers (exec:java joins non-daemon threads). */
final class Workers {
    private Workers() {
    }

    static ExecutorService pool(int size) {
        return Executors.newFixedThreadPool(size, r -> {
            Thread thread = new Thread(r, "seeder");
            thread.setDaemon(true);
            return thread;
        });
    }
}
