package jp.kyoso.members.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The environment variables the README documents really set the limits and the network. */
class LoginPropertiesTest {

    @Test
    void trustedProxiesAndSharedEgressComeFromCommaSeparatedEnvironmentVariables() {
        NetworkProperties network = bindNetwork(Map.of("KYOSO_NETWORK_TRUSTED_PROXIES", "172.16.0.0/12, 10.0.0.5",
                "KYOSO_NETWORK_SHARED_EGRESS", "203.0.113.0/24,2001:db8:100::/48"));
        assertThat(network.trustedProxies()).containsExactly("172.16.0.0/12", "10.0.0.5");
        assertThat(network.sharedEgress()).containsExactly("203.0.113.0/24", "2001:db8:100::/48");
    }

    @Test
    void emptyMeansNoProxyIsTrustedAndUnsetMeansThisMachine() {
        assertThat(bindNetwork(Map.of("KYOSO_NETWORK_TRUSTED_PROXIES", "")).trustedProxies()).isEmpty();
        assertThat(bindNetwork(Map.of()).trustedProxies()).containsExactly("127.0.0.1", "::1");
        assertThat(bindNetwork(Map.of()).sharedEgress()).isEmpty();
    }

    @Test
    void limitsComeFromTheEnvironment() {
        LoginProperties login = bind(Map.of("KYOSO_MEMBERS_LOGIN_FREE_FAILURES", "3",
                "KYOSO_MEMBERS_LOGIN_MAX_DELAY", "30s", "KYOSO_MEMBERS_LOGIN_ADDRESS_MAX_FAILURES", "50",
                "KYOSO_MEMBERS_LOGIN_SHARED_EGRESS_MAX_FAILURES", "0"));
        assertThat(login.freeFailures()).isEqualTo(3);
        assertThat(login.maxDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(login.addressMaxFailures()).isEqualTo(50);
        assertThat(login.sharedEgressMaxFailures()).isZero();
    }

    @Test
    void theDelayDoublesAfterTheFreeFailuresUpToTheCap() {
        LoginProperties defaults = LoginProperties.defaults();
        assertThat(defaults.delayAfter(4)).isZero();
        assertThat(defaults.delayAfter(5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.delayAfter(6)).isEqualTo(Duration.ofSeconds(2));
        assertThat(defaults.delayAfter(10)).isEqualTo(Duration.ofSeconds(32));
        assertThat(defaults.delayAfter(11)).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.delayAfter(5000)).isEqualTo(Duration.ofSeconds(60));
    }

    private static LoginProperties bind(Map<String, Object> environment) {
        return binder(environment).bind("kyoso.members.login", LoginProperties.class)
                .orElseGet(LoginProperties::defaults);
    }

    private static NetworkProperties bindNetwork(Map<String, Object> environment) {
        return binder(environment).bind("kyoso.network", NetworkProperties.class)
                .orElseGet(() -> new NetworkProperties(null, null));
    }

    private static Binder binder(Map<String, Object> environment) {
        StandardEnvironment env = new StandardEnvironment();
        MutablePropertySources sources = env.getPropertySources();
        sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        sources.addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
        return new Binder(ConfigurationPropertySources.get(env));
    }
}
