package jp.kyoso.posts.shared;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The time that rules depend on (a session's registration closes at its start, a question is unanswered after 48
 * hours) comes from this clock, so that a test or a rehearsal can set it instead of waiting.
 */
@Configuration
class ClockConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
