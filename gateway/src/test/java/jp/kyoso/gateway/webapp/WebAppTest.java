package jp.kyoso.gateway.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The gateway serves a built web client (here a small one written to a temporary directory) beside the API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class WebAppTest {
    // a web root inside a folder named "assets": only the root's own assets/ holds hashed files
    @TempDir
    static Path parent;
    static Path webRoot;

    @Autowired
    WebTestClient client;

    @DynamicPropertySource
    static void builtApp(DynamicPropertyRegistry registry) throws IOException {
        webRoot = Files.createDirectories(parent.resolve("assets").resolve("kyoso"));
        Files.writeString(webRoot.resolve("index.html"), "<!doctype html><html lang=\"ja\"><title>共創</title>");
        Files.createDirectories(webRoot.resolve("assets"));
        Files.writeString(webRoot.resolve("assets/index-Ab12Cd34.js"), "console.log('kyoso')");
        Files.writeString(webRoot.resolve("manifest.webmanifest"), "{\"name\":\"共創\"}");
        Files.writeString(webRoot.resolve("sw.js"), "self.addEventListener('fetch', () => {})");
        registry.add("kyoso.web.location", () -> webRoot.toUri().toString());
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> "http://127.0.0.1:9/jwks");
    }

    @Test
    void everyPageOfTheAppIsTheIndexNeverCachedWithAStrictPolicy() {
        for (String page : new String[] {"/", "/verify?token=abc", "/posts/p1", "/notifications",
                "/settings/notifications", "/login"}) {
            client.get().uri(page).accept(MediaType.TEXT_HTML).exchange()
                    .expectStatus().isOk()
                    .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                    .expectHeader().valueEquals("Cache-Control", CachePolicy.NEVER)
                    .expectHeader().value("Content-Security-Policy", policy -> assertThat(policy)
                            .contains("script-src 'self'").doesNotContain("unsafe-inline"))
                    .expectBody(String.class).value(body -> assertThat(body).contains("<title>共創</title>"));
        }
    }

    /** Deny by default: the pages of shared/UI.md and the app's files are listed as public, for GET and HEAD. */
    @Test
    void everyListedPageAndFileIsPublicAndNothingElseIs() {
        for (String page : new String[] {"/", "/register", "/verify?token=t", "/login", "/welcome", "/channels/general",
                "/posts/new?channel=general", "/posts/p1", "/search?q=x", "/notifications", "/settings/notifications",
                "/settings/account", "/members", "/members/m1", "/sessions", "/sessions/s1", "/console", "/handover"}) {
            client.get().uri(page).accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk()
                    .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML);
            client.head().uri(page).accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk();
        }
        for (String file : new String[] {"/index.html", "/sw.js", "/manifest.webmanifest",
                "/assets/index-Ab12Cd34.js"}) {
            client.get().uri(file).exchange().expectStatus().isOk();
        }
        // not a page of the app, even for a browser: a 404 problem, not the app and not "please log in"
        for (String unknown : new String[] {"/wp-admin", "/admin/config", "/posts/p1/edit", "/.env", "/server-status"}) {
            client.get().uri(unknown).accept(MediaType.TEXT_HTML).exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.status").isEqualTo(404).jsonPath("$.instance").isEqualTo(unknown);
        }
        // the pages are read-only
        client.put().uri("/login").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isNotFound();
        client.post().uri("/").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void hashedAssetsAreKeptForAYear() {
        client.get().uri("/assets/index-Ab12Cd34.js").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Cache-Control", CachePolicy.IMMUTABLE)
                .expectBody(String.class).isEqualTo("console.log('kyoso')");
    }

    @Test
    void theServiceWorkerIsAlwaysFreshAndTheManifestHasItsType() {
        client.get().uri("/sw.js").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Cache-Control", CachePolicy.NEVER);
        client.get().uri("/manifest.webmanifest").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType("application/manifest+json");
    }

    @Test
    void aMissingFileIsNotFoundRatherThanThePage() {
        client.get().uri("/assets/gone-123.js").exchange().expectStatus().isNotFound();
        client.get().uri("/favicon-missing.png").exchange().expectStatus().isNotFound();
    }

    @Test
    void aClientThatDoesNotAskForHtmlGetsAProblemAtAnUnknownPath() {
        client.get().uri("/nothing-here").accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void theApiIsStillTheApi() {
        client.get().uri("/api/notifications").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void pathsThatLeaveTheWebRootAreRefused() {
        client.get().uri("/assets/../../etc/passwd").exchange()
                .expectStatus().value(status -> assertThat(status).isIn(400, 404));
    }
}
