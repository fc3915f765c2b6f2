package jp.kyoso.platform.text;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.context.support.MessageSourceAccessor;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The texts a module shows people (problem titles and details, validation messages, mails, stream and Slack texts),
 * read from the module's one message file on the class path, {@code i18n/<module>.properties} in UTF-8.
 *
 * <p>Each text is Japanese first with English beside it ("日本語 / English"), as the API has always answered, so there
 * is one root file and no per-locale variant to choose. A text given arguments is a {@link java.text.MessageFormat}
 * pattern ({@code {0}}, and a single quote written {@code ''}); a text without arguments is returned as written. A key
 * that is not in the file fails with {@link org.springframework.context.NoSuchMessageException}: each module's
 * message-file test keeps the code's keys and the file's in step.
 */
public final class MessageBundle {
    private final MessageSourceAccessor messages;

    private MessageBundle(String baseName) {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename(baseName);
        source.setDefaultEncoding(StandardCharsets.UTF_8.name());
        source.setFallbackToSystemLocale(false);
        this.messages = new MessageSourceAccessor(source, Locale.ROOT);
    }

    /** The bundle of {@code <baseName>.properties} on the class path, for example {@code i18n/members}. */
    public static MessageBundle of(String baseName) {
        return new MessageBundle(baseName);
    }

    public String get(String key, Object... arguments) {
        return messages.getMessage(key, arguments.length == 0 ? null : arguments);
    }
}
