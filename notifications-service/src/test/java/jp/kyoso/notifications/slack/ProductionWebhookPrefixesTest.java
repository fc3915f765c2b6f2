package jp.kyoso.notifications.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import jp.kyoso.platform.web.ApiProblem;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.AbstractEnvironment;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;

/**
 * The shipped application.yml as production reads it (no profile, no KYOSO_* variables; the other tests point the
 * prefixes at their local Slack stand-in): only Slack itself may be called, never a local address.
 */
class ProductionWebhookPrefixesTest {

    @Test
    void productionAllowsOnlySlackItself() throws IOException {
        SlackProperties properties = productionProperties();
        assertThat(properties.allowedWebhookPrefixes()).containsExactly("https://hooks.slack.com/");
        WebhookUrls urls = new WebhookUrls(properties);

        assertThat(urls.check("slackWebhookUrl", "https://hooks.slack.com/services/T000/B000/XXXX"))
                .isEqualTo("https://hooks.slack.com/services/T000/B000/XXXX");
        for (String local : new String[] {"http://localhost:8090/hooks/x", "http://127.0.0.1:8083/actuator",
                "https://hooks.slack.com.evil.example/x"}) {
            assertThatThrownBy(() -> urls.check("slackWebhookUrl", local))
                    .isInstanceOfSatisfying(ApiProblem.class, problem -> {
                        assertThat(problem.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
                        assertThat(problem.errors()).extracting(ApiProblem.FieldProblem::field)
                                .containsExactly("slackWebhookUrl");
                    });
        }
    }

    private static SlackProperties productionProperties() throws IOException {
        // an environment without system properties or variables: what the file says, nothing else
        ConfigurableEnvironment environment = new AbstractEnvironment() { };
        // the first document of application.yml: the one no profile has to activate
        PropertySource<?> file = new YamlPropertySourceLoader()
                .load("application.yml", new ClassPathResource("application.yml")).get(0);
        environment.getPropertySources().addFirst(file);
        return Binder.get(environment).bind("kyoso.slack", SlackProperties.class).get();
    }
}
