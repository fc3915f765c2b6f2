package jp.kyoso.platform.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import jp.kyoso.platform.idempotency.IdempotencyProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The API description every service shares, so that one generated client fits all three: clients only ever talk to
 * the gateway, so the single server is {@code /} (relative: it works behind whatever host serves the gateway), and
 * every operation needs a bearer access token unless its path is listed in {@code kyoso.openapi.public-paths}.
 */
@AutoConfiguration
@ConditionalOnClass({OpenAPI.class, OpenApiCustomizer.class})
@EnableConfigurationProperties(OpenApiProperties.class)
public class OpenApiAutoConfiguration {
    public static final String BEARER = "bearerAuth";

    @Bean
    OpenAPI kyosoOpenApi(OpenApiProperties properties) {
        return new OpenAPI()
                .info(new Info().title(properties.title()).version(properties.version())
                        .description(properties.description()))
                .servers(List.of(new Server().url("/").description("gateway / ゲートウェイ")))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("members-service が発行するアクセストークン / Access token issued by "
                                + "POST /api/auth/login")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /** The optional Idempotency-Key header on the POSTs the generic filter serves (when it is on). */
    @Bean
    OpenApiCustomizer kyosoIdempotencyKeyHeader(ObjectProvider<IdempotencyProperties> idempotency) {
        return openApi -> idempotency.ifAvailable(properties -> {
            if (properties.enabled()) {
                new IdempotencyKeyParameter(properties).customise(openApi);
            }
        });
    }

    /**
     * springdoc fills in the servers from the request when none is set at the last moment, so they are set again
     * here; and an empty security list on an operation overrides the global bearer requirement.
     */
    @Bean
    OpenApiCustomizer kyosoPublicOperations(OpenApiProperties properties) {
        return openApi -> {
            openApi.setServers(List.of(new Server().url("/").description("gateway / ゲートウェイ")));
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> {
                if (properties.publicPaths().contains(path)) {
                    item.readOperations().forEach(operation -> operation.setSecurity(List.of()));
                }
            });
        };
    }
}
