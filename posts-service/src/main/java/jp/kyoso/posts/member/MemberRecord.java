package jp.kyoso.posts.member;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * posts-service's own copy of what it needs to know about a member, kept from {@code kyoso.members.v1}: enough to
 * resolve {@code @handle} mentions and to show an author. A deactivated member keeps only the id and the flag.
 *
 * @param organizationCode the 全国地方公共団体コード of the organization (from MemberRegistered and
 *                    MemberProfileUpdated; null when the member gave none or cleared it): stamped on new posts and
 *                    replies as {@code organizationCodeAtPosting} (「同じような町」 filters)
 * @param active      verified and not deactivated: only active members can be mentioned
 * @param deactivated terminal: later events about the member (replays) never bring the personal data back
 */
@Document("members")
public record MemberRecord(@Id String id, String handle, String displayName, String organization,
                           String organizationCode, boolean active,
                           boolean deactivated, Instant updatedAt) {
}
