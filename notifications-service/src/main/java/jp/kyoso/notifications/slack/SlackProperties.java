package jp.kyoso.notifications.slack;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param allowedWebhookPrefixes a webhook URL that members or moderators enter must start with one of these, so the
 *                               service cannot be made to post to hosts inside the network
 * @param retryAmbiguous         whether a request whose outcome is unknown (timed out after it was sent) is tried
 *                               again: true (the default) risks a duplicate message, false risks a lost one
 */
@ConfigurationProperties("kyoso.slack")
public record SlackProperties(List<String> allowedWebhookPrefixes, Duration connectTimeout, Duration requestTimeout,
                              Boolean retryAmbiguous) {
    public SlackProperties {
        allowedWebhookPrefixes = allowedWebhookPrefixes == null ? List.of() : List.copyOf(allowedWebhookPrefixes);
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(3) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
        retryAmbiguous = retryAmbiguous == null || retryAmbiguous;
    }
}
