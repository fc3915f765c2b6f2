package jp.kyoso.members.invitation;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An invitation for someone without a public-sector address. Only the digest of its code is stored ({@code id}).
 *
 * @param email when set, only this address can use the code
 */
@Document(Invitation.COLLECTION)
public record Invitation(@Id String id, String email, String note, String createdBy, Instant createdAt,
                         Instant expiresAt, Instant usedAt, String usedBy) {
    public static final String COLLECTION = "invitations";
}
