package jp.kyoso.members.token;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param issuer               {@code iss} of every access token; tokens with another issuer are refused
 * @param accessTokenLifetime  lifetime of an access token (JWT)
 * @param refreshTokenLifetime lifetime of a refresh token; each refresh gives a new one with a new lifetime
 * @param keyRotationInterval  a new signing key is made when the current one is this old
 * @param keyCheckInterval     how often an instance re-reads the keys (to pick up another instance's rotation) and
 *                             rotates or retires keys that are due
 */
@ConfigurationProperties("kyoso.members.tokens")
public record TokenProperties(String issuer, Duration accessTokenLifetime, Duration refreshTokenLifetime,
                              Duration keyRotationInterval, Duration keyCheckInterval) {
    public TokenProperties {
        issuer = issuer == null ? "kyoso-members" : issuer;
        accessTokenLifetime = accessTokenLifetime == null ? Duration.ofMinutes(15) : accessTokenLifetime;
        refreshTokenLifetime = refreshTokenLifetime == null ? Duration.ofDays(30) : refreshTokenLifetime;
        keyRotationInterval = keyRotationInterval == null ? Duration.ofDays(30) : keyRotationInterval;
        keyCheckInterval = keyCheckInterval == null ? Duration.ofMinutes(1) : keyCheckInterval;
    }
}
