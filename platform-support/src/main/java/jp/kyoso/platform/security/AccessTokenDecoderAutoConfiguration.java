package jp.kyoso.platform.security;

import jp.kyoso.platform.tokens.AccessTokenRules;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The {@link JwtDecoder} of the services that check tokens against members-service's JWKS (posts, notifications),
 * in place of Spring Boot's: pinned to RS256 whatever {@code jws-algorithms} says, and with {@link AccessTokenRules}
 * (issuer, audience, expiry). members-service brings its own decoder over its local keys, with the same rules, and
 * this one then stays out. {@link ResourceServerSecurity} puts whichever decoder there is behind its cache.
 */
@AutoConfiguration(before = OAuth2ResourceServerAutoConfiguration.class)
public class AccessTokenDecoderAutoConfiguration {
    static final String JWK_SET_URI_PROPERTY = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri";

    @Bean
    @ConditionalOnMissingBean(JwtDecoder.class)
    @ConditionalOnProperty(JWK_SET_URI_PROPERTY)
    JwtDecoder jwtDecoder(Environment environment, SigningKeysPrefetch prefetch) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(environment.getRequiredProperty(JWK_SET_URI_PROPERTY))
                .jwsAlgorithm(AccessTokenRules.ALGORITHM).jwtProcessorCustomizer(prefetch::keysOf).build();
        decoder.setJwtValidator(AccessTokenRules.validator(environment));
        return decoder;
    }

    /** Without a decoder of this class to feed (members-service's own, a test's), it does nothing. */
    @Bean
    @ConditionalOnProperty(JWK_SET_URI_PROPERTY)
    SigningKeysPrefetch signingKeysPrefetch() {
        return new SigningKeysPrefetch();
    }
}
