package jp.kyoso.notifications.security;

import jakarta.servlet.DispatcherType;
import jp.kyoso.platform.security.ResourceServerSecurity;
import jp.kyoso.platform.security.revocation.RevokedTokenFilter;
import jp.kyoso.platform.revocation.RevokedTokens;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

@Configuration
@EnableMethodSecurity
class SecurityConfig {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, RevokedTokens revokedTokens) throws Exception {
        // tokens members-service has revoked (MemberTokensRevoked) are refused right after they are authenticated
        http.addFilterAfter(new RevokedTokenFilter(revokedTokens), BearerTokenAuthenticationFilter.class);
        // The live stream's later writes and its completion run as async dispatches of a request that was
        // authenticated when it started; a stateless chain has no authentication left to check then.
        http.authorizeHttpRequests(auth -> auth.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
                .permitAll());
        return ResourceServerSecurity.build(http);
    }
}
