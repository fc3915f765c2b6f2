package jp.kyoso.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.kyoso.local.LocalPlatform;
import tools.jackson.databind.JsonNode;

/** One person using Kyoso through the gateway: registers, verifies from the captured mail, logs in, acts. */
final class Member {
    private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]{16,})");
    static final String PASSWORD = "correct-horse-battery";

    final String email;
    final String handle;
    String id;
    String accessToken;

    private Member(String email, String handle) {
        this.email = email;
        this.handle = handle;
    }

    static String gateway() {
        return RunningPlatform.platform().gatewayUrl();
    }

    /** Registers, opens the verification mail, verifies and logs in. */
    static Member join(String email, String handle, String displayName, String organization, String code) {
        Member member = new Member(email, handle);
        var body = new java.util.HashMap<String, Object>(Map.of("email", email, "password", PASSWORD,
                "displayName", displayName, "handle", handle, "organization", organization));
        if (code != null) {
            body.put("organizationCode", code);
        }
        Http.Response registered = Http.send("POST", gateway() + "/api/auth/register", null, body);
        assertThat(registered.status()).as(registered.body()).isEqualTo(202);
        member.id = registered.json().get("memberId").asString();
        String token = verificationToken(email);
        Http.Response verified = Http.send("POST", gateway() + "/api/auth/verify", null, Map.of("token", token));
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.json().get("status").asString()).isEqualTo("ACTIVE");
        member.login();
        return member;
    }

    static String verificationToken(String email) {
        LocalPlatform platform = RunningPlatform.platform();
        String url = platform.mailApiUrl() + "/api/messages?to=" + URLEncoder.encode(email, StandardCharsets.UTF_8);
        String[] token = new String[1];
        await("verification mail to " + email).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    for (JsonNode mail : Http.get(url, null).json()) {
                        Matcher matcher = TOKEN.matcher(mail.get("text").asString());
                        if (matcher.find()) {
                            token[0] = matcher.group(1);
                            return true;
                        }
                    }
                    return false;
                });
        return token[0];
    }

    void login() {
        Http.Response login = Http.send("POST", gateway() + "/api/auth/login", null,
                Map.of("email", email, "password", PASSWORD));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        accessToken = login.json().get("accessToken").asString();
    }

    Http.Response get(String path) {
        return Http.get(gateway() + path, accessToken);
    }

    Http.Response post(String path, Object body) {
        return Http.send("POST", gateway() + path, accessToken, body);
    }

    Http.Response put(String path, Object body) {
        return Http.send("PUT", gateway() + path, accessToken, body);
    }

    Http.Response delete(String path) {
        return Http.send("DELETE", gateway() + path, accessToken, null);
    }

    JsonNode notifications() {
        Http.Response inbox = get("/api/notifications?limit=100");
        assertThat(inbox.status()).as(inbox.body()).isEqualTo(200);
        return inbox.json().get("items");
    }
}
