package jp.kyoso.gateway.webapp;

import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Serves the web client at {@code /}: its files as they are, and {@code index.html} for every other page path
 * (history fallback), so that the links in mails ({@code /verify?token=}, {@code /posts/{id}#reply-{id}},
 * {@code /notifications}, ...) open the app. The API and the gateway's own paths are never answered here: they go on
 * to the routes. The gateway's route table is asked first (application.yml); a path it has no route for (an unknown
 * {@code /api/...}) still must not get the app, hence the explicit exclusions.
 */
@Configuration
class WebAppRoutes {
    private static final List<String> NOT_THE_APP = List.of("/api", "/v3/", "/actuator", "/swagger-ui", "/webjars/",
            "/.well-known/", "/fallback/");

    @Bean
    RouterFunction<ServerResponse> webApp(WebAppProperties properties, ResourceLoader resources) throws IOException {
        Resource root = resources.getResource(properties.location());
        Resource index = root.createRelative("index.html");
        Function<ServerRequest, Mono<Resource>> files = RouterFunctions.resourceLookupFunction("/**", root);
        Function<ServerRequest, Mono<Resource>> lookup = request -> {
            String path = request.path();
            if (NOT_THE_APP.stream().anyMatch(path::startsWith)) {
                return Mono.empty();
            }
            return files.apply(request).switchIfEmpty(Mono.defer(
                    () -> isPagePath(path) && (path.equals("/") || wantsHtml(request)) && index.exists() ? Mono.just(index) : Mono.empty()));
        };
        String assets = root.createRelative("assets/").getURL().toString();
        return RouterFunctions.resources(lookup,
                (resource, headers) -> describe(resource, headers, properties, isUnder(resource, assets)));
    }

    /**
     * A browser opening a page asks for HTML by name; an API client asking for anything ({@code *}/{@code *}) or JSON
     * at an unknown path gets the gateway's problem+json 404 instead of the app.
     */
    static boolean wantsHtml(ServerRequest request) {
        return request.headers().accept().stream()
                .anyMatch(type -> MediaType.TEXT_HTML.equalsTypeAndSubtype(type)
                        || MediaType.APPLICATION_XHTML_XML.equalsTypeAndSubtype(type));
    }

    /** A page of the app, not a file: the last segment has no extension ({@code /posts/abc}, not {@code /x.js}). */
    static boolean isPagePath(String path) {
        if (path.startsWith("/assets/")) {
            return false;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !last.contains(".");
    }

    private static void describe(Resource resource, HttpHeaders headers, WebAppProperties properties,
            boolean hashedAsset) {
        String name = String.valueOf(resource.getFilename());
        headers.setCacheControl(CachePolicy.forFile(name, hashedAsset));
        headers.set("Content-Security-Policy", properties.contentSecurityPolicy());
        headers.set("X-Content-Type-Options", "nosniff");
        if (name.endsWith(".html")) {
            headers.setContentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8));
        } else if (name.endsWith(".webmanifest")) {
            headers.setContentType(MediaType.parseMediaType("application/manifest+json"));
        }
    }

    /** Under the web root's assets/ folder (where Vite puts hashed files), wherever the root itself lies. */
    private static boolean isUnder(Resource resource, String assetsUrl) {
        try {
            return resource.getURL().toString().startsWith(assetsUrl);
        } catch (IOException e) {
            return false;
        }
    }
}
