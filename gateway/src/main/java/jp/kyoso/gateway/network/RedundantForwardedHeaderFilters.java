package jp.kyoso.gateway.network;

import java.util.List;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Leaves out two of Spring Cloud Gateway's header filters that {@link ClientAddressForwarding} makes redundant. With
 * its own forwarding filters off, Spring Cloud Gateway strips {@code Forwarded} and {@code X-Forwarded-*} from every
 * request in two filters of its own, each with a new copy of all the request's headers; no property turns them off.
 * {@link ClientAddressForwarding} already drops what a client wrote there and writes the one {@code X-Forwarded-For}
 * the services get ({@code GatewayTest} sends both kinds and checks what the service receives).
 */
@Configuration(proxyBeanMethods = false)
class RedundantForwardedHeaderFilters {
    static final List<String> LEFT_OUT = List.of("removeForwardedHeadersFilter", "removeXForwardedHeadersFilter");

    @Bean
    static BeanDefinitionRegistryPostProcessor leaveOutRedundantForwardedHeaderFilters() {
        return new BeanDefinitionRegistryPostProcessor() {
            @Override
            public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
                LEFT_OUT.stream().filter(registry::containsBeanDefinition).forEach(registry::removeBeanDefinition);
            }

            @Override
            public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
                // the definitions are all this needs
            }
        };
    }
}
