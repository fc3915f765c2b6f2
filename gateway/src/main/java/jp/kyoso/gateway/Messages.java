package jp.kyoso.gateway;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The texts the gateway answers people with, from {@code i18n/gateway.properties} (UTF-8, read so since Java 9):
 * Japanese first with English beside it, in one text, so there is one root file and no locale to choose. A text given
 * arguments is a {@link MessageFormat} pattern; a text without arguments is returned as written.
 */
public final class Messages {
    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle("i18n/gateway", Locale.ROOT,
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));

    private Messages() {
    }

    public static String get(String key, Object... arguments) {
        String text = BUNDLE.getString(key);
        return arguments.length == 0 ? text : new MessageFormat(text, Locale.ROOT).format(arguments);
    }
}
