package jp.kyoso.members.invitation;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An invitation for someone without a public-sector address. Only the digest of its code is stored ({@code id}).
 *
 * @param email     when set, only this address can use the code
 * @param revokedAt when a moderator withdrew it: from then on the code admits nobody
 */
@Document(Invitation.COLLECTION)
public record Invitation(@Id String id, String email, String note, String createdBy, Instant createdAt,
                         Instant expiresAt, Instant usedAt, String usedBy, Instant revokedAt) {
    public static final String COLLECTION = "invitations";
}
