package jp.kyoso.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server standing in for one service behind the gateway: it answers its readiness check, echoes what
 * reached it, and can be told to fail, be slow, or stop and start again on the same port.
 */
class StubService {
    private final String name;
    private int port;
    private HttpServer server;
    final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    volatile int forcedStatus = 0;
    volatile long delayMillis = 0;
    static final long QUIET_STREAM_PAUSE_MILLIS = 1500;

    StubService(String name) throws IOException {
        this.name = name;
        start();
    }

    String uri() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts on a free port the first time, and on the same port again after {@link #stop()}. */
    synchronized void start() throws IOException {
        // The port of a server that was just stopped can take a moment to be free again.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> {
                    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
                    return true;
                });
        port = server.getAddress().getPort();
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    synchronized void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.startsWith("/actuator/health")) {
            respond(exchange, 200, "{\"status\":\"UP\"}");
            return;
        }
        if (path.equals("/api/notifications/stream")) {
            quietStream(exchange);
            return;
        }
        attempts.computeIfAbsent(exchange.getRequestMethod() + " " + path, k -> new AtomicInteger()).incrementAndGet();
        byte[] body = exchange.getRequestBody().readAllBytes();
        received.add(Map.of("method", exchange.getRequestMethod(), "path", path,
                "bodyLength", String.valueOf(body.length),
                "requestId", String.valueOf(exchange.getRequestHeaders().getFirst("X-Request-Id")),
                "forwardedFor", String.valueOf(exchange.getRequestHeaders().getFirst("X-Forwarded-For")),
                "forwarded", String.valueOf(exchange.getRequestHeaders().getFirst("Forwarded")),
                "forwardedHost", String.valueOf(exchange.getRequestHeaders().getFirst("X-Forwarded-Host")),
                "authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                "traceparent", String.valueOf(exchange.getRequestHeaders().getFirst("traceparent"))));
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis); // a slow service, not a test wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int status = forcedStatus == 0 ? 200 : forcedStatus;
        respond(exchange, status, "{\"service\":\"" + name + "\",\"path\":\"" + path + "\"}");
    }

    /** A live stream: one event, a pause longer than the gateway's read limit in the tests, another, the end. */
    private static void quietStream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write("data: one\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                Thread.sleep(QUIET_STREAM_PAUSE_MILLIS); // a quiet stream, not a test wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.write("data: two\n\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
