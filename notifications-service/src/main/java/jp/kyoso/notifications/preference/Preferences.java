package jp.kyoso.notifications.preference;

import java.util.EnumMap;
import java.util.Map;
import jp.kyoso.notifications.inbox.NotificationType;

/**
 * A member's notification settings. A member who never saved any gets {@link #DEFAULTS}: every type, mail at once,
 * no Slack.
 */
public record Preferences(EmailMode email, String slackWebhookUrl, Map<NotificationType, Boolean> types) {
    public static final Preferences DEFAULTS = new Preferences(EmailMode.INSTANT, null, Map.of());

    public Preferences {
        email = email == null ? EmailMode.INSTANT : email;
        types = types == null ? Map.of() : Map.copyOf(types);
    }

    /** Types that are not switchable (welcome, nudge, reports) are always on. */
    public boolean enabled(NotificationType type) {
        return !NotificationType.SWITCHABLE.contains(type) || types.getOrDefault(type, true);
    }

    /** All switchable types with their effective value, as the API shows them. */
    public Map<NotificationType, Boolean> effectiveTypes() {
        Map<NotificationType, Boolean> all = new EnumMap<>(NotificationType.class);
        for (NotificationType type : NotificationType.SWITCHABLE) {
            all.put(type, enabled(type));
        }
        return all;
    }
}
