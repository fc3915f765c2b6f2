package jp.kyoso.notifications.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stands in for Slack's incoming webhooks, like the local platform's capture: {@code POST /hooks/PATH} stores the body
 * and answers {@code ok}. A PATH starting with {@code ratelimited-} answers every second request with 429 and
 * {@code Retry-After: 1} (not stored); one starting with {@code slow-} stores the body and then answers only after
 * three seconds, longer than the client waits; one starting with {@code slowonce-} does so for its first request
 * only (a timeout after Slack had posted the message); one starting with {@code status-NNN-} answers every request
 * with HTTP NNN (not stored), as Slack does for a removed webhook (404 {@code no_service}) or when it fails (5xx).
 */
public final class FakeSlack {
    private static final Pattern STATUS = Pattern.compile("status-(\\d{3})-");
    private static FakeSlack instance;

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final CountDownLatch never = new CountDownLatch(1);

    public record Request(String path, String body, Instant at, int status, String idempotencyKey) {
    }

    public static synchronized FakeSlack get() {
        if (instance == null) {
            try {
                instance = new FakeSlack();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    private FakeSlack() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.createContext("/hooks/", this::handle);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/" + path;
    }

    /** Every request to the path, answered or not, in arrival order. */
    public synchronized List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** The bodies that the path accepted (status 200). */
    public List<String> accepted(String path) {
        return requests(path).stream().filter(r -> r.status() == 200).map(Request::body).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring("/hooks/".length());
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        long count = counts.computeIfAbsent(path, p -> new AtomicLong()).incrementAndGet();
        if (path.startsWith("ratelimited-") && count % 2 == 0) {
            record(path, body, 429, key);
            exchange.getResponseHeaders().set("Retry-After", "1");
            respond(exchange, 429, "rate_limited");
            return;
        }
        Matcher status = STATUS.matcher(path);
        if (status.lookingAt()) {
            int code = Integer.parseInt(status.group(1));
            record(path, body, code, key);
            respond(exchange, code, code == 404 ? "no_service" : "error");
            return;
        }
        record(path, body, 200, key);
        if (path.startsWith("slow-") || (path.startsWith("slowonce-") && count == 1)) {
            try {
                never.await(3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        respond(exchange, 200, "ok");
    }

    private synchronized void record(String path, String body, int status, String key) {
        requests.add(new Request(path, body, Instant.now(), status, key));
    }

    private static void respond(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // the client gave up waiting (the slow- webhooks)
        }
    }
}
