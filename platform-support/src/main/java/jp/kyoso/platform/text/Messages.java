package jp.kyoso.platform.text;

/** The texts of platform-support itself (the problems every service answers alike), from {@code i18n/platform.properties}. */
public final class Messages {
    private static final MessageBundle BUNDLE = MessageBundle.of("i18n/platform");

    private Messages() {
    }

    public static String get(String key, Object... arguments) {
        return BUNDLE.get(key, arguments);
    }
}
