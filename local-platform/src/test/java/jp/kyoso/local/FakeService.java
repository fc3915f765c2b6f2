package jp.kyoso.local;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for a Spring Boot service in tests, packed alone into {@code <module>/target/<module>.jar}: it answers
 * the actuator health endpoints on SERVER_PORT, which is all the platform relies on, and shows its environment at
 * {@code /env/NAME} and its JVM options at {@code /jvm} for the tests. Uses only JDK classes and no nested classes, so
 * that one class file makes the jar.
 */
public final class FakeService {

    private FakeService() {
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv("SERVER_PORT"));
        if (Integer.toString(port).equals(System.getenv("FAKE_FAIL_ON_PORT"))) {
            System.out.println("fake service: boom, refusing to start on port " + port);
            System.exit(3);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 10);
        server.createContext("/actuator/health", exchange -> respond(exchange, 200, "{\"status\":\"UP\"}"));
        server.createContext("/env/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring("/env/".length());
            String value = System.getenv(name);
            respond(exchange, value == null ? 404 : 200, value == null ? "" : value);
        });
        server.createContext("/jvm", exchange -> respond(exchange, 200,
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments())));
        server.start();
        System.out.println("fake service listening on " + port);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
