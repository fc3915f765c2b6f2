package jp.kyoso.notifications.slack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/** Posts a JSON payload to an incoming webhook. */
@Component
public class SlackClient {
    private final HttpClient http;
    private final Duration requestTimeout;

    public SlackClient(SlackProperties properties) {
        this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.requestTimeout = properties.requestTimeout();
    }

    public record Response(int status, Optional<Duration> retryAfter, String body) {
    }

    /**
     * @param idempotencyKey sent as {@code Idempotency-Key}: Slack itself ignores it, but a proxy or a receiver that
     *                       honours it can drop a copy
     * @throws java.net.http.HttpConnectTimeoutException or {@link java.net.ConnectException} when the request never
     *                                                   left (safe to try again)
     * @throws IOException for anything after that (the outcome is unknown)
     */
    public Response post(String url, String json, String idempotencyKey) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(requestTimeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
        return answer(http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
    }

    /**
     * One request that gets an answer within {@code deadline}, connection included, or fails: for a person waiting
     * for it (the settings page's test message), not for the delivery queue.
     *
     * @throws HttpTimeoutException when no answer came within the deadline (the request is abandoned)
     * @throws IOException          when the connection or the request failed
     */
    public Response postWithin(String url, String json, String idempotencyKey, Duration deadline)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(deadline)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
        CompletableFuture<HttpResponse<String>> sending =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            return answer(sending.get(deadline.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            sending.cancel(true);
            throw new HttpTimeoutException("no answer within " + deadline);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause() == null ? e : e.getCause());
        } catch (InterruptedException e) {
            sending.cancel(true);
            throw e;
        }
    }

    private static Response answer(HttpResponse<String> response) {
        Optional<Duration> retryAfter = response.headers().firstValue("Retry-After").flatMap(SlackClient::seconds);
        String body = response.body() == null ? "" : response.body();
        return new Response(response.statusCode(), retryAfter, body.length() > 200 ? body.substring(0, 200) : body);
    }

    private static Optional<Duration> seconds(String value) {
        try {
            long seconds = Long.parseLong(value.trim());
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(Math.min(seconds, 3600)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
