package jp.kyoso.notifications.slack;

import java.net.URI;
import java.util.List;
import jp.kyoso.notifications.Messages;
import jp.kyoso.platform.web.ApiProblem;
import jp.kyoso.platform.web.ProblemTexts;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Checks webhook URLs that people enter, and hides them where they are shown: a webhook URL is a credential. */
@Component
public class WebhookUrls {
    private final SlackProperties properties;

    public WebhookUrls(SlackProperties properties) {
        this.properties = properties;
    }

    /** Returns the URL if it may be used; otherwise a 400 (not a URL) or 422 (not an allowed Slack webhook). */
    public String check(String field, String url) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                || url.length() > 500) {
            String message = Messages.get("slack.webhook-url.not-a-url");
            throw new ApiProblem(HttpStatus.BAD_REQUEST, ProblemTexts.invalidInput(), message,
                    List.of(new ApiProblem.FieldProblem(field, message)));
        }
        String normalized = uri.toString();
        if (properties.allowedWebhookPrefixes().stream().noneMatch(normalized::startsWith)) {
            throw ApiProblem.invalid(field, Messages.get("slack.webhook-url.not-allowed"));
        }
        return normalized;
    }

    /**
     * Enough to recognise a webhook (in the delivery log, in the API), not enough to use it: the scheme, the host and
     * the last 4 characters, e.g. {@code https://hooks.slack.com/…wxyz}.
     */
    public static String mask(String url) {
        if (url == null) {
            return null;
        }
        URI uri = URI.create(url);
        String path = uri.getPath() == null ? "" : uri.getPath();
        String tail = path.length() > 4 ? path.substring(path.length() - 4) : "";
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "/…" + tail;
    }

    /** Whether {@code given} is what {@link #mask} shows of {@code saved}: a client sending back the masked value. */
    public static boolean isMaskOf(String given, String saved) {
        return given != null && saved != null && given.equals(mask(saved));
    }
}
