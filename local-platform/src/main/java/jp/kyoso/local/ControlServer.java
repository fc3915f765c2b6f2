package jp.kyoso.local;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import com.sun.net.httpserver.HttpExchange;

/**
 * How {@code ./kyoso stop|start|restart NAME}, run in another JVM, reaches the running launcher: a loopback HTTP
 * endpoint on a free port, {@code POST /control/<verb>/<name>}, that answers only with the token the launcher put,
 * with its port, in the run state file (readable by its owner only). Without the token another local user could stop
 * the platform's processes.
 */
final class ControlServer {

    static final String TOKEN_HEADER = "X-Kyoso-Control-Token";
    static final List<String> VERBS = List.of("stop", "start", "restart");

    /** What the launcher does for a verb on a name; answers with a sentence for the person who typed the command. */
    @FunctionalInterface
    interface Handler {
        String handle(String verb, String name);
    }

    private final CaptureHttpServer http;
    private final String token;
    private final Handler handler;

    ControlServer(Handler handler) {
        this.handler = handler;
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        this.token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        this.http = new CaptureHttpServer("control", 0).route("/control/", this::handle);
    }

    void start() throws IOException {
        http.start();
    }

    void stop() {
        http.stop();
    }

    int port() {
        return http.boundPort();
    }

    String token() {
        return token;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String presented = exchange.getRequestHeaders().getFirst(TOKEN_HEADER);
        if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8))) {
            CaptureHttpServer.send(exchange, 403, "text/plain; charset=utf-8", "wrong or missing control token");
            return;
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            CaptureHttpServer.send(exchange, 405, "text/plain; charset=utf-8", "POST only");
            return;
        }
        String[] parts = exchange.getRequestURI().getPath().substring("/control/".length()).split("/");
        if (parts.length != 2 || !VERBS.contains(parts[0])) {
            CaptureHttpServer.send(exchange, 404, "text/plain; charset=utf-8",
                    "use /control/{" + String.join("|", VERBS) + "}/NAME");
            return;
        }
        try {
            CaptureHttpServer.send(exchange, 200, "text/plain; charset=utf-8", handler.handle(parts[0], parts[1]));
        } catch (IllegalArgumentException | IllegalStateException e) {
            CaptureHttpServer.send(exchange, 409, "text/plain; charset=utf-8", e.getMessage());
        } catch (PlatformStartException e) {
            CaptureHttpServer.send(exchange, 500, "text/plain; charset=utf-8", e.getMessage());
        }
    }
}
