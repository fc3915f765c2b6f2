package jp.kyoso.notifications.inbox;

/**
 * What one event says to everybody it notifies; only the type differs from one recipient to the next (a reply is a
 * MENTION for one member and a REPLY for another).
 *
 * @param eventId  the CloudEvents id (or a fixed key such as {@code first-post-nudge}): with the member id it makes
 *                 the notice's id, so that the same event can never notify the same member twice
 * @param actor    null for notices that nobody caused (welcome, nudge) or that must not name the member (reports):
 *                 they show {@link Actor#SYSTEM}
 * @param extra    a detail some types show: the emoji of a reaction, the report count
 */
public record NotificationContent(String eventId, Actor actor, String postId, String replyId, String channel,
                                  String title, String snippet, String extra) {

    public static String idFor(String memberId, String eventId) {
        return memberId + ":" + eventId;
    }

    /** The id of the member who caused the event, or null. */
    public String actorId() {
        return actor == null ? null : actor.id();
    }
}
