package jp.kyoso.gateway.security;

import java.net.InetSocketAddress;
import java.util.List;
import jp.kyoso.gateway.Messages;
import jp.kyoso.gateway.problem.Problems;
import jp.kyoso.gateway.routing.GatewayProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * Checks every access token against the JWKS of members-service (cached; fetched again when a token names a key id
 * it does not know, so key rotation needs no restart). The services check the token again themselves. A token is
 * verified once and reused until it expires ({@link CachingReactiveJwtDecoder}). The decoder behind the cache
 * ({@link AccessTokenDecoder}) takes only RS256 tokens of Kyoso's issuer and audience.
 */
@Configuration
@EnableWebFluxSecurity
class SecurityConfig {
    private static final String[] PUBLIC_POSTS = {"/api/auth/register", "/api/auth/verify",
            "/api/auth/verify/resend", "/api/auth/login", "/api/auth/refresh", "/api/auth/logout"};

    /** {@code /actuator/prometheus} asked on {@code management.server.port} (none when it is not set). */
    static ServerWebExchangeMatcher prometheusOnManagementPort(int managementPort) {
        return exchange -> {
            InetSocketAddress local = exchange.getRequest().getLocalAddress();
            boolean matches = managementPort > 0 && local != null && local.getPort() == managementPort
                    && "/actuator/prometheus".equals(exchange.getRequest().getPath().value());
            return matches ? ServerWebExchangeMatcher.MatchResult.match()
                    : ServerWebExchangeMatcher.MatchResult.notMatch();
        };
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder jwksDecoder,
            @Value("${kyoso.security.token-cache.max-size:10000}") long tokenCacheMaxSize,
            @Value("${management.server.port:-1}") int managementPort) {
        ReactiveJwtDecoder decoder = new CachingReactiveJwtDecoder(jwksDecoder, tokenCacheMaxSize);
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                // stateless: every request carries its token. Spring Security's defaults would look up a web session
                // on every request for a saved security context and a saved request, and match every path against
                // its logout URL; the gateway has no sessions, and logging out is members-service's POST.
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .cors(cors -> { })
                .authorizeExchange(exchange -> exchange
                        .pathMatchers(HttpMethod.OPTIONS).permitAll()
                        .pathMatchers(HttpMethod.POST, PUBLIC_POSTS).permitAll()
                        .pathMatchers(HttpMethod.GET, "/.well-known/jwks.json").permitAll()
                        // the code list the registration form suggests municipalities from, before there is a token
                        .pathMatchers(HttpMethod.GET, "/api/organizations", "/api/organizations/**").permitAll()
                        .pathMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .pathMatchers("/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**")
                        .permitAll()
                        // the web client's files and pages (GET/HEAD only); its data comes from /api/**
                        .pathMatchers(HttpMethod.GET, DenyByDefault.WEB_APP_FILES).permitAll()
                        .pathMatchers(HttpMethod.HEAD, DenyByDefault.WEB_APP_FILES).permitAll()
                        .pathMatchers(HttpMethod.GET, DenyByDefault.WEB_APP_PAGES).permitAll()
                        .pathMatchers(HttpMethod.HEAD, DenyByDefault.WEB_APP_PAGES).permitAll()
                        // the breakers forward to /fallback/* inside the gateway, after this check: clients may not
                        .pathMatchers("/fallback/**").denyAll()
                        // Prometheus scrapes the gateway on its own management port, which only the monitoring
                        // network reaches (deploy/kubernetes); on the public port the metrics stay an admin's
                        .matchers(prometheusOnManagementPort(managementPort)).permitAll()
                        .pathMatchers("/actuator/**").hasRole("ADMIN")
                        .pathMatchers("/api/**").authenticated()
                        // deny by default: any path not listed above is a 404 problem, token or not
                        .anyExchange().access(DenyByDefault.notFound()))
                .oauth2ResourceServer(oauth -> oauth
                        .bearerTokenConverter(new BearerTokenConverter())
                        .jwt(jwt -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(
                                new ReactiveJwtAuthenticationConverterAdapter(rolesConverter())))
                        .authenticationEntryPoint((exchange, e) -> unauthorized(exchange.getResponse()))
                        .accessDeniedHandler((exchange, e) -> forbidden(exchange.getResponse())))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((exchange, e) -> unauthorized(exchange.getResponse()))
                        .accessDeniedHandler((exchange, e) -> forbidden(exchange.getResponse())))
                .headers(headers -> headers
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
                .build();
    }

    /**
     * With Spring Security's observations off ({@code management.observations.enable.spring.security: false}), its
     * web filters also go unwrapped: the property alone only made each observation a no-op, and every filter of every
     * request still passed through the wrapper's extra operators.
     */
    @Bean
    @ConditionalOnProperty(name = "management.observations.enable.spring.security", havingValue = "false")
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** Spring Security's strict firewall, as before, with its header-value rule checked without a regex. */
    @Bean
    ServerWebExchangeFirewall serverWebExchangeFirewall() {
        StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHeaderValues(HeaderValues::allowed);
        return firewall;
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(GatewayProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.corsAllowedOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "X-Request-Id", "Last-Event-ID"));
        cors.setExposedHeaders(List.of("X-Request-Id", "Location", "Retry-After"));
        cors.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }

    private static JwtAuthenticationConverter rolesConverter() {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName("roles");
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return converter;
    }

    private static reactor.core.publisher.Mono<Void> unauthorized(
            org.springframework.http.server.reactive.ServerHttpResponse response) {
        response.getHeaders().set("WWW-Authenticate", "Bearer");
        return Problems.write(response, HttpStatus.UNAUTHORIZED, Problems.title(HttpStatus.UNAUTHORIZED),
                Messages.get("security.sign-in-needed"));
    }

    private static reactor.core.publisher.Mono<Void> forbidden(
            org.springframework.http.server.reactive.ServerHttpResponse response) {
        return Problems.write(response, HttpStatus.FORBIDDEN, Problems.title(HttpStatus.FORBIDDEN),
                Messages.get("security.not-allowed"));
    }
}
