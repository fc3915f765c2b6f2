package jp.kyoso.gateway.security;

import jp.kyoso.platform.tokens.AccessTokenRules;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * The gateway's access-token check, in place of Spring Boot's JWKS decoder: members-service's keys (fetched again
 * when a token names a key id not yet known, so a key rotation needs no restart), RS256 only, and the rules every
 * service applies (platform-tokens' {@link AccessTokenRules}: issuer {@code kyoso.security.issuer}, audience
 * {@code kyoso.security.audience}, an expiry, RS256 in the header). {@link SecurityConfig} puts it behind its cache,
 * which keeps only tokens this decoder accepted.
 */
@Configuration
class AccessTokenDecoder {

    @Bean
    ReactiveJwtDecoder jwksDecoder(@Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri}") String jwkSetUri,
            Environment environment) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri)
                .jwsAlgorithm(AccessTokenRules.ALGORITHM).build();
        decoder.setJwtValidator(AccessTokenRules.validator(environment));
        return decoder;
    }
}
