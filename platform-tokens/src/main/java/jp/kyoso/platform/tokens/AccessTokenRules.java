package jp.kyoso.platform.tokens;

import java.time.Instant;
import java.util.Objects;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;

/**
 * What makes a correctly signed token an access token for Kyoso, checked by every resource server (the gateway and
 * the three services): issued by members-service ({@code iss}, {@value #ISSUER_PROPERTY}, default
 * {@value #DEFAULT_ISSUER}), meant for Kyoso ({@code aud} contains {@value #AUDIENCE_PROPERTY}, default
 * {@value #DEFAULT_AUDIENCE}), with an expiry, within its validity (Spring's default checks), and signed with RS256.
 * The decoders are pinned to RS256 already; the header check keeps {@code alg: none}, HMAC and other RSA algorithms
 * out even if a decoder were ever built more loosely. Without the issuer and audience checks any RS256 token signed
 * by a key in the JWKS would do, including one minted for another application that shares the key set.
 */
public final class AccessTokenRules {
    public static final String ISSUER_PROPERTY = "kyoso.security.issuer";
    public static final String AUDIENCE_PROPERTY = "kyoso.security.audience";
    public static final String DEFAULT_ISSUER = "kyoso-members";
    public static final String DEFAULT_AUDIENCE = "kyoso";
    /** The only algorithm members-service signs with, and so the only one accepted. */
    public static final SignatureAlgorithm ALGORITHM = SignatureAlgorithm.RS256;

    private AccessTokenRules() {
    }

    /** The rules with the issuer and audience of the configuration ({@value #ISSUER_PROPERTY}, ...). */
    public static OAuth2TokenValidator<Jwt> validator(Environment environment) {
        return validator(environment.getProperty(ISSUER_PROPERTY, DEFAULT_ISSUER),
                environment.getProperty(AUDIENCE_PROPERTY, DEFAULT_AUDIENCE));
    }

    public static OAuth2TokenValidator<Jwt> validator(String issuer, String audience) {
        return JwtValidators.createDefaultWithValidators(
                new JwtIssuerValidator(issuer),
                new JwtAudienceValidator(audience),
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull),
                AccessTokenRules::signedWithTheOneAlgorithm);
    }

    private static OAuth2TokenValidatorResult signedWithTheOneAlgorithm(Jwt jwt) {
        Object algorithm = jwt.getHeaders().get("alg");
        if (algorithm != null && ALGORITHM.getName().equals(algorithm.toString())) {
            return OAuth2TokenValidatorResult.success();
        }
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                "署名方式が RS256 ではありません / The token is not signed with RS256", null));
    }
}
