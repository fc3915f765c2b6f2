package jp.kyoso.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ServiceEnvironmentTest {

    private final Ports ports = Ports.defaults();

    @Test
    void wiringWinsOverTheShellButTheShellsAdminEmailsAreKept() {
        ServiceEnvironment environment = new ServiceEnvironment(ports, Path.of("/srv/kyoso-data"),
                Map.of("SERVER_PORT", "9999", "KYOSO_ADMIN_EMAILS", "boss@example.lg.jp", "SPRING_PROFILES_ACTIVE", "dev"),
                Map.of(), Map.of());

        Map<String, String> members = environment.forInstance(KyosoService.MEMBERS, 8081);

        assertThat(members).containsEntry("SERVER_PORT", "8081")
                .containsEntry("KYOSO_ADMIN_EMAILS", "boss@example.lg.jp")
                .containsEntry("SPRING_PROFILES_ACTIVE", "dev")
                .containsEntry("SPRING_MONGODB_URI", "mongodb://localhost:27017/kyoso-members")
                .containsEntry("MALLOC_ARENA_MAX", "2");
        assertThat(new ServiceEnvironment(ports, Path.of("/srv/kyoso-data"), Map.of("MALLOC_ARENA_MAX", "4"),
                Map.of(), Map.of()).forInstance(KyosoService.GATEWAY, 8080))
                .containsEntry("MALLOC_ARENA_MAX", "4");
    }

    @Test
    void adminEmailsDefaultAndExplicitSettingsWinOverEverything() {
        ServiceEnvironment environment = new ServiceEnvironment(ports, Path.of("/srv/kyoso-data"), Map.of(),
                Map.of("SPRING_KAFKA_BOOTSTRAP_SERVERS", "elsewhere:9092"),
                Map.of("gateway", Map.of("KYOSO_NOTIFICATIONS_URIS", "http://localhost:8083,http://localhost:8093")));

        assertThat(environment.forInstance(KyosoService.MEMBERS, 8081))
                .containsEntry("KYOSO_ADMIN_EMAILS", "admin@example.lg.jp")
                .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "elsewhere:9092");
        assertThat(environment.forInstance(KyosoService.GATEWAY, 8080))
                .containsEntry("KYOSO_NOTIFICATIONS_URIS", "http://localhost:8083,http://localhost:8093")
                .containsEntry("KYOSO_MEMBERS_URIS", "http://127.0.0.1:8081")
                .containsEntry("KYOSO_POSTS_URIS", "http://127.0.0.1:8082")
                .containsEntry("KYOSO_KAFKA_BOOTSTRAP_SERVERS", "localhost:9092")
                .doesNotContainKey("SERVER_ADDRESS")
                .doesNotContainKey("SPRING_MONGODB_URI");
        assertThat(environment.forInstance(KyosoService.NOTIFICATIONS, 8083))
                .containsEntry("SPRING_MAIL_HOST", "localhost")
                .containsEntry("SPRING_MAIL_PORT", "2525")
                .containsEntry("KYOSO_WEB_BASE_URL", "http://localhost:8080")
                .containsEntry("SPRING_MONGODB_URI", "mongodb://localhost:27017/kyoso-notifications")
                .containsEntry("KYOSO_JWKS_URI", "http://127.0.0.1:8081/.well-known/jwks.json")
                .containsEntry("SERVER_ADDRESS", "127.0.0.1");
        assertThat(environment.forInstance(KyosoService.POSTS, 8082))
                .containsEntry("KYOSO_SEARCH_INDEX_DIR", Path.of("/srv/kyoso-data", "search-index").toString())
                .containsEntry("SERVER_ADDRESS", "127.0.0.1");
    }

    @Test
    void theServicesThatSealSecretsMayUseTheDevelopmentKekUnlessTheShellSaysOtherwise() {
        ServiceEnvironment local = new ServiceEnvironment(ports, Path.of("/srv/kyoso-data"), Map.of(), Map.of(),
                Map.of());
        assertThat(local.forInstance(KyosoService.MEMBERS, 8081))
                .containsEntry("KYOSO_SECRETS_ALLOW_INSECURE_DEFAULT_KEK", "true");
        assertThat(local.forInstance(KyosoService.NOTIFICATIONS, 8083))
                .containsEntry("KYOSO_SECRETS_ALLOW_INSECURE_DEFAULT_KEK", "true");
        assertThat(local.forInstance(KyosoService.POSTS, 8082))
                .doesNotContainKey("KYOSO_SECRETS_ALLOW_INSECURE_DEFAULT_KEK");
        assertThat(new ServiceEnvironment(ports, Path.of("/srv/kyoso-data"),
                Map.of("KYOSO_SECRETS_ALLOW_INSECURE_DEFAULT_KEK", "false", "KYOSO_KEK", "a-real-one"), Map.of(),
                Map.of()).forInstance(KyosoService.MEMBERS, 8081))
                .containsEntry("KYOSO_SECRETS_ALLOW_INSECURE_DEFAULT_KEK", "false")
                .containsEntry("KYOSO_KEK", "a-real-one");
    }

    @Test
    void onlyTheGatewayListensOnTheNetworkUnlessTheShellSaysOtherwise() {
        ServiceEnvironment environment = new ServiceEnvironment(ports, Path.of("/srv/kyoso-data"),
                Map.of("SERVER_ADDRESS", "0.0.0.0"), Map.of(), Map.of());

        assertThat(environment.forInstance(KyosoService.MEMBERS, 8081)).containsEntry("SERVER_ADDRESS", "0.0.0.0");
        assertThat(new ServiceEnvironment(ports, Path.of("/srv/kyoso-data"), Map.of(), Map.of(), Map.of())
                .forInstance(KyosoService.MEMBERS, 8081)).containsEntry("SERVER_ADDRESS", "127.0.0.1");
    }

    @Test
    void onASecuredBusEachServiceSignsInAsItsOwnKafkaUser() {
        ServiceEnvironment open = new ServiceEnvironment(ports, Path.of("/srv/kyoso-data"), Map.of(), Map.of(), Map.of());
        ServiceEnvironment secured = new ServiceEnvironment(ports, Path.of("/srv/kyoso-data"), Map.of(), Map.of(),
                Map.of(), new SecuredBus());

        assertThat(open.forInstance(KyosoService.POSTS, 8082)).doesNotContainKey("SPRING_KAFKA_SECURITY_PROTOCOL");
        Map<String, String> posts = secured.forInstance(KyosoService.POSTS, 8082);
        Map<String, String> gateway = secured.forInstance(KyosoService.GATEWAY, 8080);
        assertThat(posts).containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
                .containsEntry("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512");
        assertThat(posts.get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG")).contains("username=\"posts-service\"");
        assertThat(gateway.get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG")).contains("username=\"gateway\"")
                .isNotEqualTo(posts.get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG").replace("posts-service", "gateway"));
    }
}
