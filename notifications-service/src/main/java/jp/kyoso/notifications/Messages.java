package jp.kyoso.notifications;

import jp.kyoso.platform.text.MessageBundle;

/**
 * The texts notifications-service shows people (problems, validation messages, mails, notice lines, Slack texts), from
 * {@code src/main/resources/i18n/notifications.properties}.
 */
public final class Messages {
    private static final MessageBundle BUNDLE = MessageBundle.of("i18n/notifications");

    private Messages() {
    }

    public static String get(String key, Object... arguments) {
        return BUNDLE.get(key, arguments);
    }
}
