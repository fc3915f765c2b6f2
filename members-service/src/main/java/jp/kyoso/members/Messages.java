package jp.kyoso.members;

import jp.kyoso.platform.text.MessageBundle;

/**
 * The texts members-service shows people (problems, field and validation messages, display defaults), from
 * {@code i18n/members.properties}.
 */
public final class Messages {
    private static final MessageBundle BUNDLE = MessageBundle.of("i18n/members");

    private Messages() {
    }

    public static String get(String key, Object... arguments) {
        return BUNDLE.get(key, arguments);
    }
}
