package jp.kyoso.platform.openapi;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What each service says about its API in {@code /v3/api-docs}.
 *
 * @param title       e.g. "Kyoso members API"
 * @param version     the API's version (not the build's)
 * @param description one line in Japanese and one in English
 * @param publicPaths paths whose operations need no access token (matched exactly, as written in the mappings)
 */
@ConfigurationProperties("kyoso.openapi")
public record OpenApiProperties(String title, String version, String description, List<String> publicPaths) {
    public OpenApiProperties {
        title = title == null ? "Kyoso API" : title;
        version = version == null ? "1" : version;
        description = description == null ? "" : description;
        publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
    }
}
