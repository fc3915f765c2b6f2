package jp.kyoso.members.token;

import jp.kyoso.platform.tokens.AccessTokenRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * members-service checks access tokens against its own keys directly: asking its own JWKS endpoint over HTTP would
 * make it depend on itself being up. The rules are those of every other resource server ({@link AccessTokenRules}):
 * only RS256 (so {@code alg: none}, HMAC and other RSA algorithms fail), this service's issuer, Kyoso's audience and
 * an expiry. The issuer and audience checked are the ones {@link AccessTokens} writes.
 */
@Configuration
class LocalJwtDecoder {

    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, TokenProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys.verificationKeys())
                .jwsAlgorithm(AccessTokenRules.ALGORITHM).build();
        decoder.setJwtValidator(AccessTokenRules.validator(properties.issuer(), properties.audience()));
        return decoder;
    }
}
