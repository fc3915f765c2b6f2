package jp.kyoso.gateway.security;

import java.time.Instant;
import java.util.Objects;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * The gateway's access-token check, in place of Spring Boot's JWKS decoder: members-service's keys (fetched again
 * when a token names a key id not yet known, so a key rotation needs no restart), RS256 only (so {@code alg: none},
 * HMAC and other RSA algorithms fail), and the same rules as the services (platform-support's
 * {@code AccessTokenRules}, which the gateway, a reactive application, does not depend on): the issuer
 * {@code kyoso.security.issuer} and the audience {@code kyoso.security.audience} (defaults {@value #DEFAULT_ISSUER}
 * and {@value #DEFAULT_AUDIENCE}), and an expiry. {@link SecurityConfig} puts it behind its cache, which keeps only
 * tokens this decoder accepted.
 */
@Configuration
class AccessTokenDecoder {
    static final String DEFAULT_ISSUER = "kyoso-members";
    static final String DEFAULT_AUDIENCE = "kyoso";
    static final SignatureAlgorithm ALGORITHM = SignatureAlgorithm.RS256;

    @Bean
    ReactiveJwtDecoder jwksDecoder(@Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri}") String jwkSetUri,
            @Value("${kyoso.security.issuer:" + DEFAULT_ISSUER + "}") String issuer,
            @Value("${kyoso.security.audience:" + DEFAULT_AUDIENCE + "}") String audience) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri)
                .jwsAlgorithm(ALGORITHM).build();
        decoder.setJwtValidator(rules(issuer, audience));
        return decoder;
    }

    static OAuth2TokenValidator<Jwt> rules(String issuer, String audience) {
        return JwtValidators.createDefaultWithValidators(
                new JwtIssuerValidator(issuer),
                new JwtAudienceValidator(audience),
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull),
                AccessTokenDecoder::signedWithTheOneAlgorithm);
    }

    /** The decoder is pinned already; this keeps it so even if the decoder were ever built more loosely. */
    private static OAuth2TokenValidatorResult signedWithTheOneAlgorithm(Jwt jwt) {
        Object algorithm = jwt.getHeaders().get("alg");
        if (algorithm != null && ALGORITHM.getName().equals(algorithm.toString())) {
            return OAuth2TokenValidatorResult.success();
        }
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                "署名方式が RS256 ではありません / The token is not signed with RS256", null));
    }
}
