package jp.kyoso.local;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/** JVM options that only some JDK 17 updates know; the services run on the launcher's own JDK, so asking it is enough. */
final class JvmOptions {
    static final String NATIVE_HEAP_TRIM = "TrimNativeHeapInterval";

    private JvmOptions() {
    }

    /**
     * Periodic trimming of glibc's heap, or nothing on a JDK without it: it came to JDK 17 in 17.0.9 as an experimental
     * option (hence the unlock, harmless where it is a product option since 17.0.11), and an unknown -XX option stops
     * a JVM from starting at all.
     */
    static String nativeHeapTrim(Duration interval) {
        if (!known(NATIVE_HEAP_TRIM)) {
            return "";
        }
        return " -XX:+UnlockExperimentalVMOptions -XX:" + NATIVE_HEAP_TRIM + "=" + interval.toMillis();
    }

    static boolean known(String option) {
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(option);
            return true;
        } catch (IllegalArgumentException unknownHere) {
            return false;
        }
    }
}
