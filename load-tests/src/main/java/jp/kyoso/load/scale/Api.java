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

    /** Sends and fails on anything but 2xx, with the problem's text: for the set-up, where every call must work. */
    JsonNode call(HttpRequest request) {
        HttpResponse<String> response = send(request);
        if (response.statusCode() / 100 != 2) {
            throw new ApiException(request.method() + " " + request.uri().getPath() + " answered "
                    + response.statusCode() + ": " + response.body(), response.statusCode());
        }
        return read(response.body());
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
