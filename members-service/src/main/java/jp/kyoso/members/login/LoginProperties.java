package jp.kyoso.members.login;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Login limits (README "Login limits"). Per account a progressive delay, never a lock; per client address a ceiling
 * of failures, sized for a prefecture's shared egress.
 *
 * @param window                  the sliding window failures are counted in
 * @param freeFailures            failures per account in the window that cost nothing
 * @param firstDelay              the wait after the first failure beyond {@code freeFailures}; it doubles with each
 *                                further failure
 * @param maxDelay                the longest wait between two password checks of one account
 * @param addressMaxFailures      failed logins per client address in the window before that address gets 429
 * @param sharedEgressMaxFailures the same for addresses in {@code kyoso.network.shared-egress}; 0: no per-address
 *                                ceiling there at all, only the per-account delays
 * @param knownDeviceLifetime     how long a device stays known after its last successful login
 */
@ConfigurationProperties("kyoso.members.login")
public record LoginProperties(Duration window, Integer freeFailures, Duration firstDelay, Duration maxDelay,
                              Integer addressMaxFailures, Integer sharedEgressMaxFailures,
                              Duration knownDeviceLifetime) {
    public LoginProperties {
        window = window == null ? Duration.ofMinutes(15) : window;
        freeFailures = freeFailures == null ? 5 : freeFailures;
        firstDelay = firstDelay == null ? Duration.ofSeconds(1) : firstDelay;
        maxDelay = maxDelay == null ? Duration.ofSeconds(60) : maxDelay;
        addressMaxFailures = addressMaxFailures == null ? 1000 : addressMaxFailures;
        sharedEgressMaxFailures = sharedEgressMaxFailures == null ? 10_000 : sharedEgressMaxFailures;
        knownDeviceLifetime = knownDeviceLifetime == null ? Duration.ofDays(180) : knownDeviceLifetime;
    }

    static LoginProperties defaults() {
        return new LoginProperties(null, null, null, null, null, null, null);
    }

    /** The wait before the next password check of an account with {@code failures} failures in the window. */
    Duration delayAfter(long failures) {
        if (failures < freeFailures) {
            return Duration.ZERO;
        }
        long doublings = Math.min(failures - freeFailures, 30);
        Duration delay = firstDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
