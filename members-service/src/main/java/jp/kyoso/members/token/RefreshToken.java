package jp.kyoso.members.token;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One refresh token, stored by its digest. All tokens descending from one login share a {@code familyId}: when a token
 * that was already used comes back, someone holds a stolen copy, and the whole family is revoked.
 */
@Document(RefreshToken.COLLECTION)
public record RefreshToken(@Id String hash, String familyId, String memberId, Instant issuedAt, Instant expiresAt,
                           Instant usedAt, Instant revokedAt) {
    public static final String COLLECTION = "refresh_tokens";
}
