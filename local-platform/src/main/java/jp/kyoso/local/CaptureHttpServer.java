package jp.kyoso.local;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.json.JsonMapper;

/**
 * The small JDK HTTP server behind the capture APIs, with the JSON and query-string plumbing they share.
 */
final class CaptureHttpServer {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final String name;
    private final int port;
    private final Map<String, HttpHandler> handlers = new HashMap<>();
    private HttpServer server;
    private ExecutorService executor;

    CaptureHttpServer(String name, int port) {
        this.name = name;
        this.port = port;
    }

    CaptureHttpServer route(String pathPrefix, HttpHandler handler) {
        handlers.put(pathPrefix, handler);
        return this;
    }

    synchronized void start() throws IOException {
        // loopback only: captured mails and posts are nobody else's business
        HttpServer httpServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        handlers.forEach((path, handler) -> httpServer.createContext(path, exchange -> handleSafely(handler, exchange)));
        executor = Executors.newCachedThreadPool(daemonThreads(name));
        httpServer.setExecutor(executor);
        httpServer.start();
        server = httpServer;
    }

    synchronized boolean isRunning() {
        return server != null;
    }

    /** The port it listens on (the one it was given, or the one chosen for port 0). */
    synchronized int boundPort() {
        return server == null ? port : server.getAddress().getPort();
    }

    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json; charset=utf-8", JSON.writeValueAsString(body));
    }

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * Query parameters, decoded. A '+' stays a '+': these values are mail addresses and webhook paths, where a
     * literal plus is common and a space never occurs.
     */
    static Map<String, String> queryParameters(HttpExchange exchange) {
        Map<String, String> parameters = new HashMap<>();
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            parameters.put(decode(key), decode(value));
        }
        return parameters;
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static void handleSafely(HttpHandler handler, HttpExchange exchange) throws IOException {
        try {
            handler.handle(exchange);
        } catch (RuntimeException | IOException e) {
            try {
                send(exchange, 500, "text/plain; charset=utf-8", "capture server error: " + e.getMessage());
            } catch (IOException | RuntimeException responseAlreadyStarted) {
                // the client sees a cut-off response, which is all we can still do
            }
        } finally {
            exchange.close();
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-http-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
