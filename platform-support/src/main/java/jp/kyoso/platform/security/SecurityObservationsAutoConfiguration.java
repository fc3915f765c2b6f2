package jp.kyoso.platform.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Where a service switches Spring Security's observations off ({@code management.observations.enable.spring.security:
 * false}, as every service does), Spring Security also leaves its filters unwrapped: the property alone makes each
 * observation a no-op, but every filter of every request still passed through an observation wrapper.
 */
@AutoConfiguration
@ConditionalOnClass(SecurityObservationSettings.class)
@ConditionalOnProperty(name = "management.observations.enable.spring.security", havingValue = "false")
public class SecurityObservationsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }
}
