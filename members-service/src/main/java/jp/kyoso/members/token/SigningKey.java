package jp.kyoso.members.token;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An RS256 key pair. {@code jwk} holds only the public half (a JWK without private members); {@code sealedJwk} holds
 * the whole key pair sealed under the key-encryption key (see {@link jp.kyoso.platform.secrets.SecretSealer}), which
 * is not in the database: reading the database alone gives no key that signs. Documents written before sealing had
 * the private JWK in {@code jwk} and no {@code sealedJwk}; {@link SigningKeys} seals them at start.
 * {@code generation} is unique: when two instances start on an empty database at once, or rotate at once, only one of
 * them creates the next key and the other adopts it. A retired key has lost both and is no longer published.
 */
@Document(SigningKey.COLLECTION)
public record SigningKey(@Id String kid, int generation, Instant createdAt, Instant retiredAt, String jwk,
                         String sealedJwk) {
    public static final String COLLECTION = "signing_keys";

    /** The purpose the sealed key pair is bound to: a sealed key copied into another document does not open. */
    static String sealingPurpose(String kid) {
        return "signing-key:" + kid;
    }
}
