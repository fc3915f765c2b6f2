package jp.kyoso.members.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The environment variable the README documents really sets the trusted proxies. */
class LoginPropertiesTest {

    @Test
    void trustedProxiesComeFromAcommaSeparatedEnvironmentVariable() {
        assertThat(bind(Map.of("KYOSO_MEMBERS_LOGIN_TRUSTED_PROXIES", "172.16.0.0/12, 10.0.0.5")).trustedProxies())
                .containsExactly("172.16.0.0/12", "10.0.0.5");
    }

    @Test
    void emptyMeansNoProxyIsTrustedAndUnsetMeansThisMachine() {
        assertThat(bind(Map.of("KYOSO_MEMBERS_LOGIN_TRUSTED_PROXIES", "")).trustedProxies()).isEmpty();
        assertThat(bind(Map.of()).trustedProxies()).containsExactly("127.0.0.1", "::1");
    }

    private static LoginProperties bind(Map<String, Object> environment) {
        StandardEnvironment env = new StandardEnvironment();
        MutablePropertySources sources = env.getPropertySources();
        sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        sources.addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
        return new Binder(ConfigurationPropertySources.get(env)).bind("kyoso.members.login", LoginProperties.class)
                .orElseGet(() -> new LoginProperties(null, null, null));
    }
}
