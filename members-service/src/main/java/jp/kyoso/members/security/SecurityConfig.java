package jp.kyoso.members.security;

import jp.kyoso.platform.security.HeaderBearerTokenResolver;
import jp.kyoso.platform.security.ResourceServerSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

@Configuration
@EnableMethodSecurity
class SecurityConfig {
    /**
     * Open without a token: becoming a member (and the registration form's municipality suggestions), logging in, and
     * the keys that verify tokens.
     */
    static final String[] PUBLIC_PATHS = {
            "/api/auth/register", "/api/auth/verify", "/api/auth/verify/resend", "/api/auth/login",
            "/api/auth/refresh", "/api/auth/logout", "/.well-known/jwks.json", "/api/organizations"};

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, MongoTemplate mongo) throws Exception {
        // Constructed here, not as a bean: as a bean, Boot would also register it as a servlet filter for every request.
        http.addFilterAfter(new ActiveMemberFilter(mongo), BearerTokenAuthenticationFilter.class);
        return ResourceServerSecurity.build(http, PUBLIC_PATHS);
    }

    /**
     * The public endpoints ignore an {@code Authorization} header: a client whose access token has just expired sends
     * it along with its refresh request, which must not fail because of it.
     */
    @Bean
    BearerTokenResolver bearerTokenResolver() {
        BearerTokenResolver standard = new HeaderBearerTokenResolver();
        RequestMatcher publicPaths = new OrRequestMatcher(java.util.Arrays.stream(PUBLIC_PATHS)
                .map(path -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(path)).toList());
        return request -> publicPaths.matches(request) ? null : standard.resolve(request);
    }
}
