package jp.kyoso.members.token;

import java.time.Duration;
import jp.kyoso.platform.tokens.AccessTokenRules;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param issuer               {@code iss} of every access token; tokens with another issuer are refused
 * @param audience             {@code aud} of every access token: the tokens are for Kyoso only, and every resource
 *                             server refuses tokens that are not meant for this audience
 * @param accessTokenLifetime  lifetime of an access token (JWT)
 * @param refreshTokenLifetime lifetime of a refresh token; each refresh gives a new one with a new lifetime
 * @param keyRotationInterval  a new signing key is made when the current one is this old
 */
@ConfigurationProperties("kyoso.members.tokens")
public record TokenProperties(String issuer, String audience, Duration accessTokenLifetime, Duration refreshTokenLifetime,
                              Duration keyRotationInterval) {
    public TokenProperties {
        issuer = issuer == null ? AccessTokenRules.DEFAULT_ISSUER : issuer;
        audience = audience == null ? AccessTokenRules.DEFAULT_AUDIENCE : audience;
        accessTokenLifetime = accessTokenLifetime == null ? Duration.ofMinutes(15) : accessTokenLifetime;
        refreshTokenLifetime = refreshTokenLifetime == null ? Duration.ofDays(30) : refreshTokenLifetime;
        keyRotationInterval = keyRotationInterval == null ? Duration.ofDays(30) : keyRotationInterval;
    }
}
