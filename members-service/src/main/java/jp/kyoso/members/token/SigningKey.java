package jp.kyoso.members.token;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An RS256 key pair as a JWK (private parts included). {@code generation} is unique: when two instances start on an
 * empty database at once, or rotate at once, only one of them creates the next key and the other adopts it.
 * A retired key has lost its private parts and is no longer published.
 */
@Document(SigningKey.COLLECTION)
public record SigningKey(@Id String kid, int generation, Instant createdAt, Instant retiredAt, String jwk) {
    public static final String COLLECTION = "signing_keys";
}
