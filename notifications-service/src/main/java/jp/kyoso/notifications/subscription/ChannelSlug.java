package jp.kyoso.notifications.subscription;

import java.util.regex.Pattern;
import jp.kyoso.notifications.Messages;
import jp.kyoso.platform.web.ApiProblem;

/** Channel slugs in paths, as posts-service makes them; anything else names no channel. */
public final class ChannelSlug {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    private ChannelSlug() {
    }

    /** Returns the slug, or answers 404 for one that cannot name a channel. */
    public static String checked(String slug) {
        if (slug == null || !SLUG.matcher(slug).matches()) {
            throw ApiProblem.notFound(Messages.get("subscription.channel-not-found"));
        }
        return slug;
    }
}
