package jp.kyoso.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Stands in for Slack's incoming webhooks: {@code POST /hooks/{PATH}} stores the JSON and answers {@code ok};
 * {@code GET /api/messages[?webhook=PATH]} lists what was stored, newest first; {@code DELETE /api/messages} clears.
 * <p>
 * A PATH starting with {@code ratelimited-} refuses every second request with 429 and {@code Retry-After: 1}, so that
 * a client's back-off can be seen working. Refused posts are not stored.
 * <p>
 * Faults for a while, as Slack has them: {@code POST /api/faults?status=429&seconds=60} (or 500, 503 …) makes every
 * webhook answer that status for that long (429 with {@code Retry-After: 1}); {@code DELETE /api/faults} ends it.
 */
public final class SlackCapture {

    static final String RATE_LIMITED_PREFIX = "ratelimited-";
    private static final int MAX_BODY_BYTES = 1024 * 1024;

    private final CaptureHttpServer http;
    private final List<CapturedSlackPost> posts = new ArrayList<>();
    // the status every webhook answers until faultUntil (System.nanoTime), or 0
    private volatile int faultStatus;
    private volatile long faultUntil;
    private final Map<String, AtomicLong> requestsPerWebhook = new ConcurrentHashMap<>();

    SlackCapture(int port) {
        this.http = new CaptureHttpServer("slack-capture", port)
                .route("/hooks/", this::handleWebhook)
                .route("/api/messages", this::handleMessages)
                .route("/api/faults", this::handleFaults);
    }

    void start() throws IOException {
        if (http.isRunning()) {
            throw new IllegalStateException("slack is already running");
        }
        http.start();
    }

    void stop() {
        http.stop();
    }

    /** Posts to {@code webhook} (the path after /hooks/), or to every webhook if null; newest first. */
    public List<CapturedSlackPost> messages(String webhook) {
        List<CapturedSlackPost> result = new ArrayList<>();
        synchronized (posts) {
            for (int i = posts.size() - 1; i >= 0; i--) {
                CapturedSlackPost post = posts.get(i);
                if (webhook == null || webhook.equals(post.webhook())) {
                    result.add(post);
                }
            }
        }
        return result;
    }

    /** Forgets the posts and restarts every rate-limit count, so a test starts from a known state. */
    public void clear() {
        synchronized (posts) {
            posts.clear();
            requestsPerWebhook.clear();
        }
    }

    private void handleWebhook(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            CaptureHttpServer.send(exchange, 405, "text/plain; charset=utf-8", "POST only");
            return;
        }
        String webhook = exchange.getRequestURI().getPath().substring("/hooks/".length());
        if (webhook.isEmpty()) {
            CaptureHttpServer.send(exchange, 404, "text/plain; charset=utf-8", "no_service");
            return;
        }
        int fault = activeFault();
        if (fault != 0) {
            if (fault == 429) {
                exchange.getResponseHeaders().set("Retry-After", "1");
            }
            CaptureHttpServer.send(exchange, fault, "text/plain; charset=utf-8", fault == 429 ? "rate_limited"
                    : "service_unavailable");
            return;
        }
        if (webhook.startsWith(RATE_LIMITED_PREFIX) && isSecondRequest(webhook)) {
            exchange.getResponseHeaders().set("Retry-After", "1");
            CaptureHttpServer.send(exchange, 429, "text/plain; charset=utf-8", "rate_limited");
            return;
        }
        JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                CaptureHttpServer.send(exchange, 413, "text/plain; charset=utf-8", "payload_too_large");
                return;
            }
            body = CaptureHttpServer.JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            body = null;
        }
        if (body == null || body.isMissingNode() || !body.isObject()) {
            // what Slack itself answers to a body that is not a JSON object
            CaptureHttpServer.send(exchange, 400, "text/plain; charset=utf-8", "invalid_payload");
            return;
        }
        synchronized (posts) {
            posts.add(new CapturedSlackPost(webhook, body, IsoTime.now()));
        }
        CaptureHttpServer.send(exchange, 200, "text/plain; charset=utf-8", "ok");
    }

    /** Every webhook answers {@code status} for {@code duration}. */
    public void fail(int status, java.time.Duration duration) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a fault is a 4xx or 5xx status, not " + status);
        }
        faultUntil = System.nanoTime() + duration.toNanos();
        faultStatus = status;
    }

    public void endFaults() {
        faultStatus = 0;
    }

    private int activeFault() {
        int status = faultStatus;
        return status != 0 && System.nanoTime() < faultUntil ? status : 0;
    }

    private void handleFaults(HttpExchange exchange) throws IOException {
        switch (exchange.getRequestMethod()) {
            case "POST" -> {
                Map<String, String> query = CaptureHttpServer.queryParameters(exchange);
                try {
                    int status = Integer.parseInt(query.getOrDefault("status", "503"));
                    long seconds = Long.parseLong(query.getOrDefault("seconds", "60"));
                    fail(status, java.time.Duration.ofSeconds(seconds));
                    CaptureHttpServer.send(exchange, 200, "text/plain; charset=utf-8",
                            "every webhook answers " + status + " for " + seconds + " s");
                } catch (IllegalArgumentException e) {
                    CaptureHttpServer.send(exchange, 400, "text/plain; charset=utf-8",
                            "status (400-599) and seconds, e.g. ?status=429&seconds=60: " + e.getMessage());
                }
            }
            case "DELETE" -> {
                endFaults();
                exchange.sendResponseHeaders(204, -1);
            }
            default -> CaptureHttpServer.send(exchange, 405, "text/plain; charset=utf-8", "POST or DELETE");
        }
    }

    private boolean isSecondRequest(String webhook) {
        return requestsPerWebhook.computeIfAbsent(webhook, key -> new AtomicLong()).incrementAndGet() % 2 == 0;
    }

    private void handleMessages(HttpExchange exchange) throws IOException {
        switch (exchange.getRequestMethod()) {
            case "GET" -> CaptureHttpServer.sendJson(exchange, 200,
                    messages(CaptureHttpServer.queryParameters(exchange).get("webhook")));
            case "DELETE" -> {
                clear();
                exchange.sendResponseHeaders(204, -1);
            }
            default -> CaptureHttpServer.send(exchange, 405, "text/plain; charset=utf-8", "GET or DELETE");
        }
    }
}
