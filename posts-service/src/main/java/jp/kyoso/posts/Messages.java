package jp.kyoso.posts;

import jp.kyoso.platform.text.MessageBundle;

/**
 * The texts of posts-service (problem titles and details, field messages, the default channels' names), from
 * {@code src/main/resources/i18n/posts.properties}. Bean Validation annotations name their keys there too, in
 * braces; the application's message source ({@code spring.messages.basename}) resolves them.
 */
public final class Messages {
    private static final MessageBundle BUNDLE = MessageBundle.of("i18n/posts");

    private Messages() {
    }

    public static String get(String key, Object... arguments) {
        return BUNDLE.get(key, arguments);
    }
}
