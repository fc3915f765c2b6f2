package jp.kyoso.notifications.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The service's {@link Clock} in the tests: the system clock plus an offset that a test moves forward, so that what
 * is due at a time (study session reminders) comes due without waiting. Everything in the service that reads the
 * clock sees the same time. A test that moves it puts it back with {@link #reset} when done (the base class does).
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestClock {
    private static final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    /** Moves the service's time forward. */
    public static void advance(Duration by) {
        offset.accumulateAndGet(by, Duration::plus);
    }

    public static void reset() {
        offset.set(Duration.ZERO);
    }

    public static Instant now() {
        return Instant.now().plus(offset.get());
    }

    @Bean
    @Primary
    Clock movableClock() {
        return new Movable(ZoneOffset.UTC);
    }

    private static final class Movable extends Clock {
        private final ZoneId zone;

        Movable(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return new Movable(zone);
        }

        @Override
        public Instant instant() {
            return TestClock.now();
        }
    }
}
