package jp.kyoso.platform.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One AES-256 key-encryption key (KEK), supplied from outside the database. Its id is derived from the key itself (a
 * truncated hash), so operators never have to name keys and a sealed value always says which key sealed it.
 */
public final class KeyEncryptionKey {
    static final int LENGTH_BYTES = 32;

    private final String id;
    private final SecretKey key;

    private KeyEncryptionKey(byte[] raw) {
        this.key = new SecretKeySpec(raw, "AES");
        this.id = idOf(raw);
    }

    /** A KEK from its base64 text (standard or URL alphabet, surrounding blanks ignored): exactly 32 bytes. */
    public static KeyEncryptionKey fromBase64(String source, String text) {
        byte[] raw;
        String trimmed = text.strip();
        try {
            raw = trimmed.contains("-") || trimmed.contains("_") ? Base64.getUrlDecoder().decode(trimmed)
                    : Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not valid base64 (expected 32 random bytes in base64, e.g. "
                    + "the output of: openssl rand -base64 32)");
        }
        if (raw.length != LENGTH_BYTES) {
            throw new IllegalStateException(source + " holds " + raw.length + " bytes; a KEK is exactly 32 bytes "
                    + "(AES-256) in base64, e.g. the output of: openssl rand -base64 32");
        }
        return new KeyEncryptionKey(raw);
    }

    /** A KEK derived from a fixed phrase: for the insecure development default only. */
    static KeyEncryptionKey derivedFrom(String phrase) {
        return new KeyEncryptionKey(sha256(phrase.getBytes(StandardCharsets.UTF_8)));
    }

    public String id() {
        return id;
    }

    SecretKey key() {
        return key;
    }

    private static String idOf(byte[] raw) {
        byte[] prefix = "kyoso-kek-id:".getBytes(StandardCharsets.US_ASCII);
        byte[] input = Arrays.copyOf(prefix, prefix.length + raw.length);
        System.arraycopy(raw, 0, input, prefix.length, raw.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(sha256(input), 9));
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "KeyEncryptionKey[" + id + "]";
    }
}
