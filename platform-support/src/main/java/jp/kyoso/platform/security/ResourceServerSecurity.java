package jp.kyoso.platform.security;

import jp.kyoso.platform.text.Messages;
import jp.kyoso.platform.tokens.AccessTokenRules;
import jp.kyoso.platform.web.ProblemTexts;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import jp.kyoso.platform.web.ProblemResponses;

/**
 * The services check every access token themselves, even behind the gateway (defence in depth): a JWT signed by
 * members-service whose {@code roles} claim becomes {@code ROLE_*} authorities. 401 and 403 are problem+json.
 * The service's {@link JwtDecoder} bean is used through a {@link CachingJwtDecoder}: a token is verified once and
 * reused until it expires; {@value #CACHE_MAX_SIZE_PROPERTY} bounds the cache (default 10,000 tokens). That decoder
 * ({@link AccessTokenDecoderAutoConfiguration}, or members-service's local one) accepts only RS256 tokens of Kyoso's
 * issuer and audience ({@link AccessTokenRules}); only what it accepted is ever cached. The token is read from the
 * {@code Authorization} header by {@link HeaderBearerTokenResolver}, or by the service's own {@link BearerTokenResolver}
 * bean.
 */
public final class ResourceServerSecurity {

    public static final String CACHE_MAX_SIZE_PROPERTY = "kyoso.security.token-cache.max-size";

    private ResourceServerSecurity() {
    }

    /**
     * @param publicPaths paths open without a token, in addition to health, metrics scraping and the API docs
     */
    public static SecurityFilterChain build(HttpSecurity http, String... publicPaths) throws Exception {
        ApplicationContext context = http.getSharedObject(ApplicationContext.class);
        JwtDecoder decoder = cachingDecoder(context);
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info",
                            "/actuator/prometheus", "/v3/api-docs/**", "/v3/api-docs", "/error").permitAll();
                    auth.requestMatchers(HttpMethod.OPTIONS, "/**").permitAll();
                    if (publicPaths.length > 0) {
                        auth.requestMatchers(publicPaths).permitAll();
                    }
                    auth.anyRequest().authenticated();
                })
                .oauth2ResourceServer(oauth -> oauth
                        .bearerTokenResolver(context.getBeanProvider(BearerTokenResolver.class)
                                .getIfAvailable(HeaderBearerTokenResolver::new))
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(rolesConverter()))
                        .authenticationEntryPoint((request, response, e) -> unauthorized(response))
                        .accessDeniedHandler((request, response, e) -> forbidden(response)))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((request, response, e) -> unauthorized(response))
                        .accessDeniedHandler((request, response, e) -> forbidden(response)))
                .headers(Customizer.withDefaults());
        return http.build();
    }

    /** The service's own decoder (from the JWKS URI, or members-service's local one) behind the cache. */
    private static JwtDecoder cachingDecoder(ApplicationContext context) {
        long maxSize = context.getEnvironment().getProperty(CACHE_MAX_SIZE_PROPERTY, Long.class,
                (long) CachingJwtDecoder.DEFAULT_MAX_SIZE);
        return new CachingJwtDecoder(context.getBean(JwtDecoder.class), maxSize);
    }

    public static JwtAuthenticationConverter rolesConverter() {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName("roles");
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return converter;
    }

    private static void unauthorized(jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        ProblemResponses.write(response, HttpStatus.UNAUTHORIZED, ProblemTexts.title(HttpStatus.UNAUTHORIZED),
                Messages.get("security.sign-in-needed"));
    }

    private static void forbidden(jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        ProblemResponses.write(response, HttpStatus.FORBIDDEN, ProblemTexts.title(HttpStatus.FORBIDDEN),
                Messages.get("security.not-allowed"));
    }
}
