package jp.kyoso.posts.session;

import java.time.Instant;

/** One RSVP in the moderators' list; {@code attended} stays null until marked. A member who left is 退会したメンバー. */
public record AttendeeView(String memberId, String displayName, String organization, RsvpStatus status,
                           Boolean attended, Instant rsvpAt) {
}
