package jp.kyoso.platform.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals secrets that a service must keep in its database (signing keys, Slack webhook URLs) with AES-256-GCM under the
 * key-encryption key (KEK), which lives outside the database: whoever reads the database alone gets nothing usable.
 *
 * <p>A sealed value is one string, {@code kyoso-sealed:v1:<kek id>:<base64url(nonce | ciphertext | tag)>}. The KEK id
 * lets a rotated KEK still open the values sealed under a previous one until they are sealed again
 * ({@link #needsResealing}). The additional authenticated data binds the value to its {@code purpose} (for example
 * {@code signing-key:<kid>}): a sealed value copied into another document or field does not open there, and a value
 * written into the database by someone without the KEK never opens at all.
 */
public final class SecretSealer {
    static final String PREFIX = "kyoso-sealed:v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyEncryptionKey current;
    private final Map<String, KeyEncryptionKey> byId = new LinkedHashMap<>();

    /** @param previous KEKs that still open old values (never used to seal) */
    public SecretSealer(KeyEncryptionKey current, List<KeyEncryptionKey> previous) {
        this.current = current;
        byId.put(current.id(), current);
        previous.forEach(key -> byId.putIfAbsent(key.id(), key));
    }

    /** The id of the KEK that seals now. */
    public String currentKeyId() {
        return current.id();
    }

    /** Whether the value has the sealed form at all (a value from before sealing does not). */
    public static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /** A plain value, or a value sealed under another KEK than the current one: seal it (again). */
    public boolean needsResealing(String value) {
        return value != null && (!isSealed(value) || !current.id().equals(keyIdOf(value)));
    }

    public String seal(String purpose, String plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, current.key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(current.id(), purpose));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return PREFIX + current.id() + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a secret with AES-256-GCM", e);
        }
    }

    /**
     * Opens a value sealed for {@code purpose} under the current or a previous KEK.
     *
     * @throws SealedSecretException when the value is not sealed, its KEK is not configured, or it was changed,
     *                               sealed for another purpose or under another key with the same id
     */
    public String open(String purpose, String value) {
        if (!isSealed(value)) {
            throw new SealedSecretException("the value is not sealed (" + purpose + ")");
        }
        String keyId = keyIdOf(value);
        KeyEncryptionKey key = byId.get(keyId);
        if (key == null) {
            throw new SealedSecretException("the value (" + purpose + ") was sealed under KEK " + keyId
                    + ", which is neither KYOSO_KEK nor one of KYOSO_KEK_PREVIOUS");
        }
        try {
            byte[] in = Base64.getUrlDecoder().decode(value.substring(PREFIX.length() + keyId.length() + 1));
            if (in.length < NONCE_BYTES + TAG_BITS / 8) {
                throw new SealedSecretException("the sealed value (" + purpose + ") is truncated");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(aad(keyId, purpose));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new SealedSecretException("the sealed value (" + purpose + ") does not open under KEK " + keyId
                    + ": changed, or sealed for another purpose");
        }
    }

    /** Opens the value and seals it again under the current KEK (rotation). */
    public String reseal(String purpose, String value) {
        return seal(purpose, open(purpose, value));
    }

    private static String keyIdOf(String sealed) {
        int end = sealed.indexOf(':', PREFIX.length());
        return end < 0 ? "" : sealed.substring(PREFIX.length(), end);
    }

    private static byte[] aad(String keyId, String purpose) {
        return (PREFIX + keyId + ":" + purpose).getBytes(StandardCharsets.UTF_8);
    }

    /** A sealed value that cannot be opened; the message names no secret. */
    public static class SealedSecretException extends RuntimeException {
        public SealedSecretException(String message) {
            super(message);
        }
    }
}
