package jp.kyoso.members.invitation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param lifetime how long an invitation code can be used */
@ConfigurationProperties("kyoso.members.invitations")
public record InvitationProperties(Duration lifetime) {
    public InvitationProperties {
        lifetime = lifetime == null ? Duration.ofDays(14) : lifetime;
    }
}
