package jp.kyoso.notifications.inbox;

import jp.kyoso.notifications.Messages;

/**
 * Who caused a notice; {@code displayName} is null when unknown. Notices that no member caused (welcome, nudge) and
 * reports, whose reporter stays anonymous, show {@link #SYSTEM}: clients can rely on {@code actor} being an object.
 * A member who has left shows as posts-service shows an author who has left: {@link #FORMER_MEMBER_NAME} with
 * {@code former: true}.
 */
public record Actor(String id, String displayName, boolean former) {
    public static final Actor SYSTEM = new Actor(null, Messages.get("inbox.actor.system"));
    /** The same words as posts-service's, so that a client shows one name for one former member everywhere. */
    public static final String FORMER_MEMBER_NAME = Messages.get("inbox.actor.former-member");

    public Actor(String id, String displayName) {
        this(id, displayName, false);
    }

    public static Actor formerMember(String id) {
        return new Actor(id, FORMER_MEMBER_NAME, true);
    }
}
