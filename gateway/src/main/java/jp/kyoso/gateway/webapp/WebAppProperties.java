package jp.kyoso.gateway.webapp;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the built web client is ({@code classpath:/webapp/} inside the gateway's jar; a {@code file:} directory such
 * as {@code file:web/dist/} to serve a fresh build without repackaging) and the Content-Security-Policy it is served
 * with.
 */
@ConfigurationProperties("kyoso.web")
public record WebAppProperties(
        @DefaultValue("classpath:/webapp/") String location,
        @DefaultValue(WebAppProperties.STRICT_POLICY) String contentSecurityPolicy) {

    /** No inline script or style, nothing from other origins: the app and the API are both on this origin. */
    static final String STRICT_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; worker-src 'self'; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
}
