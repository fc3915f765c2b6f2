package jp.kyoso.local;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment variables a service JVM gets: the launcher's own environment, then the wiring to the local
 * infrastructure and to the other services (Spring relaxed binding), then what the caller set explicitly.
 */
final class ServiceEnvironment {

    static final String DEFAULT_ADMIN_EMAILS = "admin@example.lg.jp";
    /** Where the services behind the gateway listen. */
    static final String LOOPBACK = "127.0.0.1";

    private final Ports ports;
    private final Path dataDir;
    private final Map<String, String> inherited;
    private final Map<String, String> common;
    private final Map<String, Map<String, String>> perService;
    private final SecuredBus securedBus;

    ServiceEnvironment(Ports ports, Path dataDir, Map<String, String> inherited, Map<String, String> common,
                       Map<String, Map<String, String>> perService) {
        this(ports, dataDir, inherited, common, perService, null);
    }

    ServiceEnvironment(Ports ports, Path dataDir, Map<String, String> inherited, Map<String, String> common,
                       Map<String, Map<String, String>> perService, SecuredBus securedBus) {
        this.securedBus = securedBus;
        this.ports = ports;
        this.dataDir = dataDir;
        this.inherited = Map.copyOf(inherited);
        this.common = Map.copyOf(common);
        this.perService = Map.copyOf(perService);
    }

    Map<String, String> forInstance(KyosoService service, int port) {
        Map<String, String> env = new HashMap<>(inherited);
        // settings a developer may reasonably have in their shell keep the shell's value
        putIfAbsent(env, "MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED", "true");
        // glibc keeps up to 8 malloc arenas per core, each holding on to what its threads once freed; two arenas
        // kept every service 10-40 MB smaller after a load, with no change in the benchmark's latencies
        // (README "Performance", memory)
        putIfAbsent(env, "MALLOC_ARENA_MAX", "2");
        // wiring always wins over the shell: an exported SERVER_PORT would otherwise put every service on one port
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", "localhost:" + ports.kafka());
        // the services behind the gateway listen on the loopback address only (IPv4): wire them by that address, not
        // by "localhost", which some clients resolve to ::1 first
        env.put("KYOSO_JWKS_URI", "http://" + LOOPBACK + ":" + ports.members() + "/.well-known/jwks.json");
        if (service.mongoDatabase() != null) {
            env.put("SPRING_MONGODB_URI", "mongodb://localhost:" + ports.mongo() + "/" + service.mongoDatabase());
        }
        // a stable identity across restarts on this machine: Kafka static membership (platform-support's
        // StaticMembership), so a service restarted after a crash gets its partitions back at once
        putIfAbsent(env, "KYOSO_KAFKA_INSTANCE_ID", service.moduleName() + "-" + port);
        if (service != KyosoService.GATEWAY) {
            // only the gateway is reachable from the network; a developer may still open a service up on purpose
            putIfAbsent(env, "SERVER_ADDRESS", LOOPBACK);
        }
        switch (service) {
            case MEMBERS -> {
                putIfAbsent(env, "KYOSO_ADMIN_EMAILS", DEFAULT_ADMIN_EMAILS);
                allowDevelopmentKek(env);
            }
            case NOTIFICATIONS -> {
                allowDevelopmentKek(env);
                env.put("SPRING_MAIL_HOST", "localhost");
                env.put("SPRING_MAIL_PORT", Integer.toString(ports.smtp()));
                putIfAbsent(env, "KYOSO_WEB_BASE_URL", "http://localhost:" + ports.gateway());
                // members may point their Slack webhook at the local capture server, wherever its port is
                putIfAbsent(env, "KYOSO_SLACK_ALLOWED_WEBHOOK_PREFIXES",
                        "https://hooks.slack.com/,http://localhost:" + ports.slack() + "/hooks/");
            }
            case GATEWAY -> {
                env.put("KYOSO_MEMBERS_URIS", "http://" + LOOPBACK + ":" + ports.members());
                env.put("KYOSO_POSTS_URIS", "http://" + LOOPBACK + ":" + ports.posts());
                env.put("KYOSO_NOTIFICATIONS_URIS", "http://" + LOOPBACK + ":" + ports.notifications());
                // the gateway follows the token revocations (MemberTokensRevoked) on the services' broker
                env.put("KYOSO_KAFKA_BOOTSTRAP_SERVERS", "localhost:" + ports.kafka());
            }
            // the search index belongs with the rest of the data (a fresh data dir must mean a fresh index)
            case POSTS -> env.put("KYOSO_SEARCH_INDEX_DIR", dataDir.resolve("search-index").toString());
        }
        if (securedBus != null) {
            env.putAll(securedBus.clientEnvironment(service));
        }
        env.putAll(common);
        env.putAll(perService.getOrDefault(service.moduleName(), Map.of()));
        return env;
    }

    /**
     * members-service and notifications-service seal secrets at rest under a key-encryption key and refuse to start
     * without one; on this machine the publicly known development KEK will do, unless KYOSO_KEK / KYOSO_KEK_FILE is
     * set (then the development KEK only opens what it sealed earlier). KYOSO_SECRETS_ALLOW_INSECURE_DEFAULT_KEK=false
     * in the shell turns it off.
     */
    private static void allowDevelopmentKek(Map<String, String> env) {
        putIfAbsent(env, "KYOSO_SECRETS_ALLOW_INSECURE_DEFAULT_KEK", "true");
    }

    private static void putIfAbsent(Map<String, String> env, String key, String value) {
        String current = env.get(key);
        if (current == null || current.isBlank()) {
            env.put(key, value);
        }
    }
}
