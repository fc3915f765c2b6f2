package jp.kyoso.notifications.delivery;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Links to the web client in mails and Slack messages, built from {@code KYOSO_WEB_BASE_URL}. */
@Component
public class WebLinks {
    private final String base;

    public WebLinks(@Value("${kyoso.web.base-url}") String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public String post(String postId, String replyId) {
        String link = base + "/posts/" + encode(postId);
        return replyId == null ? link : link + "#reply-" + encode(replyId);
    }

    /** A study session's page (its facts, the RSVP button and its thread). */
    public String session(String postId) {
        return base + "/sessions/" + encode(postId);
    }

    /** The composer, opened on a self-introduction (where the welcome and the first-post nudges lead). */
    public String introduce() {
        return base + "/posts/new?channel=introductions&kind=INTRODUCTION";
    }

    /** The handover page (引き継ぎ): the handovers the member received, their threads and watches. */
    public String handover() {
        return base + "/handover";
    }

    /** A path of the web client as another service gives it (the invitation's registration link). */
    public String path(String path) {
        return base + (path.startsWith("/") ? path : "/" + path);
    }

    public String notifications() {
        return base + "/notifications";
    }

    public String settings() {
        return base + "/settings/notifications";
    }

    public String verify(String token) {
        return base + "/verify?token=" + encode(token);
    }

    public String login() {
        return base + "/login";
    }

    public String home() {
        return base + "/";
    }

    /** URL-safe tokens and ids (as members-service and posts-service make them) pass unchanged. */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
