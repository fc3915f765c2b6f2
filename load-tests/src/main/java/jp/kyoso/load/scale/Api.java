package jp.kyoso.load.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/**
 * Kyoso's public API as a member's client uses it: JSON over HTTP through the gateway, a bearer token, and an
 * {@code Idempotency-Key} on every POST, so that a write retried after a lost answer is stored once.
 */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final int SETUP_ATTEMPTS = 5;
    static final Duration MAX_SETUP_WAIT = Duration.ofSeconds(10);

    private final URI gateway;
    private final HttpClient http;

    Api(URI gateway) {
        this.gateway = gateway;
        // a thread per request in flight: the open-loop probes must never wait for a free client thread
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newCachedThreadPool(r -> {
                    Thread thread = new Thread(r, "api-client");
                    thread.setDaemon(true);
                    return thread;
                })).build();
    }

    HttpClient http() {
        return http;
    }

    URI uri(String pathAndQuery) {
        return gateway.resolve(pathAndQuery);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    HttpRequest get(String path, String token) {
        return builder(path, token).GET().build();
    }

    HttpRequest post(String path, String token, Object body) {
        return builder(path, token).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(write(body))).build();
    }

    HttpRequest put(String path, String token, Object body) {
        return builder(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(write(body))).build();
    }

    private HttpRequest.Builder builder(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT)
                .header("Accept", "application/json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    /**
     * Sends and fails on anything but 2xx, with the problem's text: for the calls a run needs but does not measure
     * (seeding, signing in, a probe's discussion). A platform just started may refuse a few (502/503/504 while its JIT
     * warms up, or a connection dropped): those are tried again, after the Retry-After the gateway names (at most
     * {@link #MAX_SETUP_WAIT}), up to {@link #SETUP_ATTEMPTS} times. The request is sent again as it was, with the same
     * {@code Idempotency-Key}, so a write is stored once. One refused setup call used to end the whole run; what the
     * probes measure is still sent once and counted as answered.
     */
    JsonNode call(HttpRequest request) {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = send(request);
            } catch (ApiException e) {
                if (attempt >= SETUP_ATTEMPTS || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                pauseBeforeRetry(request, e.getMessage(), Duration.ofSeconds(1), attempt);
                continue;
            }
            int status = response.statusCode();
            if ((status == 502 || status == 503 || status == 504) && attempt < SETUP_ATTEMPTS) {
                pauseBeforeRetry(request, "answered " + status, retryAfter(response), attempt);
                continue;
            }
            if (status / 100 != 2) {
                throw new ApiException(request.method() + " " + request.uri().getPath() + " answered " + status + ": "
                        + response.body(), status);
            }
            return read(response.body());
        }
    }

    private static Duration retryAfter(HttpResponse<String> response) {
        try {
            Duration named = Duration.ofSeconds(Long.parseLong(response.headers().firstValue("Retry-After")
                    .orElse("1").trim()));
            return named.isNegative() ? Duration.ofSeconds(1) : named.compareTo(MAX_SETUP_WAIT) > 0 ? MAX_SETUP_WAIT
                    : named;
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    private static void pauseBeforeRetry(HttpRequest request, String what, Duration wait, int attempt) {
        System.out.printf("[scale] %s %s %s; trying again in %d s (attempt %d of %d)%n", request.method(),
                request.uri().getPath(), what, wait.toSeconds(), attempt + 1, SETUP_ATTEMPTS);
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("interrupted", 0);
        }
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ApiException(request.method() + " " + request.uri().getPath() + " failed: " + e, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("interrupted", 0);
        }
    }

    CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode read(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new ApiException("not JSON: " + body, 0);
        }
    }

    static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static final class ApiException extends RuntimeException {
        final int status;

        ApiException(String message, int status) {
            super(message);
            this.status = status;
        }
    }
}
