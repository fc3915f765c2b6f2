package jp.kyoso.notifications.slack;

import jp.kyoso.platform.secrets.SecretSealer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A Slack webhook URL is a credential (whoever has it posts into that Slack channel): it is stored sealed under the
 * key-encryption key wherever it is kept (a member's settings, a channel mirror, a queued Slack message) and opened
 * only to send. A value that does not open (stored in clear after the start's re-seal, sealed under an unknown KEK,
 * written by someone without the KEK) is treated as no webhook: nothing is ever sent to a URL the service did not seal.
 */
@Component
public class WebhookSecrets {
    static final String PURPOSE = "slack-webhook";
    private static final Logger log = LoggerFactory.getLogger(WebhookSecrets.class);

    private final SecretSealer sealer;

    public WebhookSecrets(SecretSealer sealer) {
        this.sealer = sealer;
    }

    public String seal(String url) {
        return url == null ? null : sealer.seal(PURPOSE, url);
    }

    /** The URL, or null when there is none or it does not open (logged without the value). */
    public String open(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return sealer.open(PURPOSE, stored);
        } catch (SecretSealer.SealedSecretException e) {
            log.error("A stored Slack webhook URL is not used: {}", e.getMessage());
            return null;
        }
    }

    /** Stored in clear (an earlier version) or under a previous KEK. */
    boolean needsResealing(String stored) {
        return sealer.needsResealing(stored);
    }

    /** Sealed (again) under the current KEK; a value in clear is taken as it is. */
    String reseal(String stored) {
        return SecretSealer.isSealed(stored) ? sealer.reseal(PURPOSE, stored) : sealer.seal(PURPOSE, stored);
    }
}
