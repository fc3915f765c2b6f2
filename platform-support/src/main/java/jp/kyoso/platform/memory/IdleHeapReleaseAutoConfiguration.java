package jp.kyoso.platform.memory;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * {@link IdleHeapRelease} for every service, once it has been idle for {@code kyoso.memory.idle-heap-release} (60 s,
 * checked every twelfth of it; 0 switches it off, as a JVM started with {@code -XX:+DisableExplicitGC} ignores it
 * anyway).
 */
@AutoConfiguration
public class IdleHeapReleaseAutoConfiguration {

    @Bean
    IdleHeapReleaseSchedule idleHeapReleaseSchedule(@Value("${kyoso.memory.idle-heap-release:60s}") Duration period) {
        return new IdleHeapReleaseSchedule(period);
    }

    /** The daemon thread that ends each period. */
    public static final class IdleHeapReleaseSchedule implements DisposableBean {
        private final ScheduledExecutorService timer;

        IdleHeapReleaseSchedule(Duration period) {
            if (!IdleHeapRelease.enabled(period)) {
                timer = null;
                return;
            }
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            IdleHeapRelease release = new IdleHeapRelease(period, os::getProcessCpuTime,
                    () -> memory.getHeapMemoryUsage().getCommitted(), TightCollection.ofThisJvm(memory::gc),
                    System::nanoTime);
            timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "idle-heap-release");
                thread.setDaemon(true);
                return thread;
            });
            long step = Math.max(1, IdleHeapRelease.step(period).toMillis());
            timer.scheduleWithFixedDelay(release::check, step, step, TimeUnit.MILLISECONDS);
        }

        @Override
        public void destroy() {
            if (timer != null) {
                timer.shutdownNow();
            }
        }
    }
}
