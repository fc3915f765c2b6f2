package jp.kyoso.platform.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

/**
 * Where the KEKs come from: never from the database they protect.
 * <ul>
 *   <li>{@code KYOSO_KEK} (base64 of 32 bytes) or {@code KYOSO_KEK_FILE} (a mounted secret file holding it): the KEK
 *       that seals; exactly one of the two.</li>
 *   <li>{@code KYOSO_KEK_PREVIOUS} (comma-separated) and/or {@code KYOSO_KEK_PREVIOUS_FILE} (one per line): KEKs that
 *       only open what they sealed before a rotation, until the service has sealed it again at its start.</li>
 *   <li>Without a KEK the service refuses to start, unless {@code kyoso.secrets.allow-insecure-default-kek=true}
 *       (tests, {@code ./kyoso up}): then a fixed development KEK, known to everyone who reads this code, is used.
 *       With a real KEK configured as well, that development KEK only opens old values (moving a local data
 *       directory onto a real KEK).</li>
 * </ul>
 * Each name is read through Spring's environment, so {@code kyoso.kek}, {@code kyoso.kek-file} … work too.
 */
public final class KeyEncryptionKeys {
    public static final String ALLOW_INSECURE_DEFAULT = "kyoso.secrets.allow-insecure-default-kek";
    private static final String INSECURE_PHRASE = "kyoso insecure development KEK: never use in production";
    private static final Logger log = LoggerFactory.getLogger(KeyEncryptionKeys.class);

    private KeyEncryptionKeys() {
    }

    /** The sealer with the configured KEKs; refuses (with what to do) when none is configured. */
    public static SecretSealer fromEnvironment(Environment env, String service) {
        String inline = blankToNull(env.getProperty("kyoso.kek"));
        String file = blankToNull(env.getProperty("kyoso.kek-file"));
        boolean allowInsecure = env.getProperty(ALLOW_INSECURE_DEFAULT, Boolean.class, false);
        if (inline != null && file != null) {
            throw new IllegalStateException("Both KYOSO_KEK and KYOSO_KEK_FILE are set for " + service
                    + ": set only one of them");
        }
        List<KeyEncryptionKey> previous = new ArrayList<>();
        String previousInline = blankToNull(env.getProperty("kyoso.kek-previous"));
        if (previousInline != null) {
            for (String part : previousInline.split(",")) {
                if (!part.isBlank()) {
                    previous.add(KeyEncryptionKey.fromBase64("KYOSO_KEK_PREVIOUS", part));
                }
            }
        }
        String previousFile = blankToNull(env.getProperty("kyoso.kek-previous-file"));
        if (previousFile != null) {
            for (String line : read(previousFile, "KYOSO_KEK_PREVIOUS_FILE").split("\\R")) {
                if (!line.isBlank() && !line.strip().startsWith("#")) {
                    previous.add(KeyEncryptionKey.fromBase64("KYOSO_KEK_PREVIOUS_FILE (" + previousFile + ")", line));
                }
            }
        }
        KeyEncryptionKey current;
        if (inline != null) {
            current = KeyEncryptionKey.fromBase64("KYOSO_KEK", inline);
        } else if (file != null) {
            current = KeyEncryptionKey.fromBase64("KYOSO_KEK_FILE (" + file + ")", read(file, "KYOSO_KEK_FILE"));
        } else if (allowInsecure) {
            current = insecureDefault();
            log.warn("{} seals its secrets with the INSECURE development KEK ({}=true): anyone can open them. "
                    + "Set KYOSO_KEK or KYOSO_KEK_FILE for any real deployment.", service, ALLOW_INSECURE_DEFAULT);
        } else {
            throw new IllegalStateException(service + " needs a key-encryption key to seal its secrets at rest: set "
                    + "KYOSO_KEK (base64 of 32 random bytes, e.g. `openssl rand -base64 32`) or KYOSO_KEK_FILE (a "
                    + "file holding it, e.g. a mounted secret). For tests and local development only, "
                    + ALLOW_INSECURE_DEFAULT + "=true (KYOSO_SECRETS_ALLOW_INSECURE_DEFAULT_KEK=true) uses a "
                    + "publicly known development KEK instead.");
        }
        if (allowInsecure && !current.id().equals(insecureDefault().id())) {
            previous.add(insecureDefault());
        }
        previous.removeIf(key -> key.id().equals(current.id()));
        log.info("{} seals secrets under KEK {}; previous KEKs that still open: {}", service, current.id(),
                previous.stream().map(KeyEncryptionKey::id).toList());
        return new SecretSealer(current, previous);
    }

    /** The publicly known development KEK (same on every machine, so local data survives restarts). */
    static KeyEncryptionKey insecureDefault() {
        return KeyEncryptionKey.derivedFrom(INSECURE_PHRASE);
    }

    private static String read(String path, String variable) {
        try {
            return Files.readString(Path.of(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(variable + " names " + path + ", which cannot be read: " + e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
