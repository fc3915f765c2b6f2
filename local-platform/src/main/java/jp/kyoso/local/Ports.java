package jp.kyoso.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every TCP port the local platform listens on.
 */
public record Ports(int gateway, int members, int posts, int notifications, int kafka, int kafkaController,
                    int mongo, int smtp, int mailApi, int slack) {

    public Ports {
        for (int port : List.of(gateway, members, posts, notifications, kafka, kafkaController, mongo, smtp, mailApi, slack)) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("not a TCP port: " + port);
            }
        }
    }

    /** The ports documented in the public contract. */
    public static Ports defaults() {
        return new Ports(8080, 8081, 8082, 8083, 9092, 9093, 27017, 2525, 8025, 8090);
    }

    /** The default ports moved by {@code delta}, e.g. {@code offset(10000)} puts the gateway on 18080. */
    public static Ports offset(int delta) {
        Ports d = defaults();
        return new Ports(d.gateway + delta, d.members + delta, d.posts + delta, d.notifications + delta,
                d.kafka + delta, d.kafkaController + delta, d.mongo + delta, d.smtp + delta, d.mailApi + delta,
                d.slack + delta);
    }

    /** Ports the operating system says are free right now (for tests that run next to a running platform). */
    public static Ports randomFree() {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            // hold all ten open at once so that the OS cannot hand out the same port twice
            for (int i = 0; i < 10; i++) {
                ServerSocket socket = new ServerSocket(0);
                sockets.add(socket);
            }
            int[] p = sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
            return new Ports(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9]);
        } catch (IOException e) {
            throw new IllegalStateException("could not find free ports", e);
        } finally {
            sockets.forEach(Ports::closeQuietly);
        }
    }

    /** The defaults, each overridable by its {@code KYOSO_*_PORT} variable. */
    public static Ports fromEnvironment(Map<String, String> env) {
        Ports d = defaults();
        return new Ports(
                port(env, "KYOSO_GATEWAY_PORT", d.gateway),
                port(env, "KYOSO_MEMBERS_PORT", d.members),
                port(env, "KYOSO_POSTS_PORT", d.posts),
                port(env, "KYOSO_NOTIFICATIONS_PORT", d.notifications),
                port(env, "KYOSO_KAFKA_PORT", d.kafka),
                port(env, "KYOSO_KAFKA_CONTROLLER_PORT", d.kafkaController),
                port(env, "KYOSO_MONGO_PORT", d.mongo),
                port(env, "KYOSO_SMTP_PORT", d.smtp),
                port(env, "KYOSO_MAIL_API_PORT", d.mailApi),
                port(env, "KYOSO_SLACK_PORT", d.slack));
    }

    /** The port of one of the four services, by its module name ({@code "posts-service"}). */
    public int service(String serviceName) {
        return switch (KyosoService.byName(serviceName)) {
            case MEMBERS -> members;
            case POSTS -> posts;
            case NOTIFICATIONS -> notifications;
            case GATEWAY -> gateway;
        };
    }

    /** The infrastructure ports, named as the CLI prints them. */
    public Map<String, Integer> infrastructure() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("kafka", kafka);
        ports.put("kafka-controller", kafkaController);
        ports.put("mongo", mongo);
        ports.put("smtp", smtp);
        ports.put("mail-api", mailApi);
        ports.put("slack-capture", slack);
        return ports;
    }

    /** The service ports by service name, in start order. */
    public Map<String, Integer> services() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (KyosoService service : KyosoService.values()) {
            ports.put(service.moduleName(), service(service.moduleName()));
        }
        return ports;
    }

    private static int port(Map<String, String> env, String variable, int defaultPort) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return defaultPort;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the variable's name, which is what the user needs
        }
        throw new IllegalArgumentException(variable + " must be a TCP port number (1-65535), was '" + value + "'");
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // a probe socket; nothing to recover
        }
    }
}
