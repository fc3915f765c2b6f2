package jp.kyoso.local;

import java.util.Locale;

/**
 * Seconds since a start time, formatted for progress lines ("2.1 s").
 */
final class Elapsed {

    private final long startNanos = System.nanoTime();

    static Elapsed start() {
        return new Elapsed();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }
}
