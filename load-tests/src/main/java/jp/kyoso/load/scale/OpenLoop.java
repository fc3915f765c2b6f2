package jp.kyoso.load.scale;

import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Sends requests at a fixed rate whatever the answers do (open loop), and measures each from the moment it was due,
 * not from when it got sent: a stalled server makes the requests behind it late, and that lateness is what users feel.
 */
final class OpenLoop {
    private OpenLoop() {
    }

    /** Runs {@code rate × seconds} requests; waits for the last answers (at most the client timeout). */
    static Latencies run(double rate, int seconds, IntFunction<CompletableFuture<HttpResponse<String>>> request) {
        Latencies latencies = new Latencies();
        int total = (int) Math.round(rate * seconds);
        long intervalNanos = (long) (1_000_000_000L / rate);
        long start = System.nanoTime();
        List<CompletableFuture<?>> inFlight = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            waitUntil(due);
            CompletableFuture<HttpResponse<String>> sent;
            try {
                sent = request.apply(i);
            } catch (RuntimeException e) {
                latencies.otherError(e.getClass().getSimpleName());
                continue;
            }
            inFlight.add(sent.handle((response, failure) -> {
                record(latencies, due, response, failure);
                return null;
            }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
                .completeOnTimeout(null, Api.TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS).join();
        return latencies;
    }

    static void waitUntil(long dueNanos) {
        for (long left = dueNanos - System.nanoTime(); left > 0; left = dueNanos - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    private static void record(Latencies latencies, long due, HttpResponse<String> response, Throwable failure) {
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof HttpTimeoutException) {
                latencies.miss();
            } else {
                latencies.otherError(cause.getClass().getSimpleName());
            }
            return;
        }
        int status = response.statusCode();
        if (status >= 500) {
            latencies.serverError();
        } else if (status >= 400) {
            latencies.otherError(String.valueOf(status));
        } else {
            latencies.ok((System.nanoTime() - due) / 1_000_000.0);
        }
    }
}
