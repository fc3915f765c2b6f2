package jp.kyoso.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Kafka security of {@code docker-compose.yml} on the embedded broker: SASL/SCRAM-SHA-512 on the clients' listener,
 * ACLs deny by default, a user per service, made by the very script the compose stack runs
 * ({@code deploy/compose/kafka/init-users-and-acls.sh}). So the compose bus can be proven without Docker: the platform
 * started this way must work end to end, and a client that is not who it says, or wants more than its ACLs, is refused.
 * <p>
 * As in compose, a second listener on the loopback address needs no password: the broker's own principal
 * ({@code User:ANONYMOUS}, a super user) and the operator's tools come in there, never a service.
 */
final class SecuredBus {

    static final String MECHANISM = "SCRAM-SHA-512";
    static final String INIT_SCRIPT = "deploy/compose/kafka/init-users-and-acls.sh";
    private static final Duration INIT_TIMEOUT = Duration.ofSeconds(180);

    private final int operatorPort;
    private final Map<KyosoService, String> passwords = new LinkedHashMap<>();

    SecuredBus() {
        this.operatorPort = freePort();
        SecureRandom random = new SecureRandom();
        for (KyosoService service : KyosoService.values()) {
            byte[] bytes = new byte[24];
            random.nextBytes(bytes);
            // the script accepts 16 or more of A-Z a-z 0-9 _ -
            passwords.put(service, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        }
    }

    /** The loopback listener without a password, for the broker itself and an operator's tools. */
    String operatorBootstrapServers() {
        return "localhost:" + operatorPort;
    }

    /** The broker's listener lines, the same settings as the compose file's kafka service. */
    List<String> brokerProperties(int clientsPort, int controllerPort) {
        return List.of(
                "listeners=CLIENTS://localhost:" + clientsPort + ",INTERNAL://localhost:" + operatorPort
                        + ",CONTROLLER://localhost:" + controllerPort,
                "advertised.listeners=CLIENTS://localhost:" + clientsPort + ",INTERNAL://localhost:" + operatorPort,
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,INTERNAL:PLAINTEXT,CLIENTS:SASL_PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=INTERNAL",
                "sasl.enabled.mechanisms=" + MECHANISM,
                "listener.name.clients.scram-sha-512.sasl.jaas.config="
                        + "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "allow.everyone.if.no.acl.found=false",
                "super.users=User:ANONYMOUS");
    }

    /**
     * Runs the compose stack's init script against the operator listener, with {@code kafka-configs.sh} and
     * {@code kafka-acls.sh} as small wrappers around the tools' classes on our classpath.
     */
    void createUsersAndAcls(Path repositoryRoot, Path dataDir, Path classpathArgs, Path logFile)
            throws IOException, InterruptedException {
        Path bin = dataDir.resolve("config").resolve("kafka-bin");
        Files.createDirectories(bin);
        writeTool(bin.resolve("kafka-configs.sh"), classpathArgs, "kafka.admin.ConfigCommand");
        writeTool(bin.resolve("kafka-acls.sh"), classpathArgs, "org.apache.kafka.tools.AclCommand");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("KAFKA_BIN", bin.toString());
        env.put("KAFKA_BOOTSTRAP", operatorBootstrapServers());
        passwords.forEach((service, password) -> env.put(passwordVariable(service), password));
        Process script = ChildProcesses.start(List.of("bash", repositoryRoot.resolve(INIT_SCRIPT).toString()), env,
                dataDir, logFile);
        if (!script.waitFor(INIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            script.destroyForcibly();
            throw new PlatformStartException("creating the Kafka users and ACLs took longer than "
                    + INIT_TIMEOUT.toSeconds() + " s (log: " + logFile + ")");
        }
        if (script.exitValue() != 0) {
            throw new PlatformStartException("creating the Kafka users and ACLs failed (exit code "
                    + script.exitValue() + ", log: " + logFile + ")");
        }
    }

    /** What a service JVM needs to sign in: the same variables as in the compose file. */
    Map<String, String> clientEnvironment(KyosoService service) {
        return Map.of(
                "SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", MECHANISM,
                "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", jaasConfig(userOf(service), passwords.get(service)));
    }

    /** Kafka client settings for signing in as {@code service}'s user, for tests that try its ACLs. */
    Map<String, Object> clientProperties(KyosoService service) {
        return Map.of(
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", MECHANISM,
                "sasl.jaas.config", jaasConfig(userOf(service), passwords.get(service)));
    }

    static String jaasConfig(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /** The user names of the init script: the module name, and "gateway". */
    static String userOf(KyosoService service) {
        return service.moduleName();
    }

    private static String passwordVariable(KyosoService service) {
        String name = switch (service) {
            case MEMBERS -> "MEMBERS";
            case POSTS -> "POSTS";
            case NOTIFICATIONS -> "NOTIFICATIONS";
            case GATEWAY -> "GATEWAY";
        };
        return "KYOSO_KAFKA_" + name + "_PASSWORD";
    }

    private static void writeTool(Path file, Path classpathArgs, String mainClass) throws IOException {
        String script = String.join("\n",
                "#!/bin/sh",
                "# written by jp.kyoso.local.SecuredBus: the Kafka distribution's bin/" + file.getFileName()
                        + ", from the launcher's jars",
                "exec '" + ChildProcesses.javaExecutable() + "' ${KAFKA_HEAP_OPTS:--Xmx96m} -XX:TieredStopAtLevel=1"
                        + " -XX:+UseSerialGC -Xshare:auto -Dorg.slf4j.simpleLogger.defaultLogLevel=warn '@"
                        + classpathArgs + "' " + mainClass + " \"$@\"",
                "");
        Files.writeString(file, script, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new PlatformStartException("no free port for the Kafka operator listener: " + e.getMessage());
        }
    }
}
