package jp.kyoso.notifications.handover;

/**
 * One of the leaver's current watches (WATCHING), as the handover page lists it.
 *
 * @param title                     the post's title or the channel's name, as far as this service's view of the
 *                                  posts events knows it; null otherwise
 * @param alreadyWatchedBySuccessor the successor watches it already
 * @param mutedBySuccessor          the successor muted it: taking over keeps it muted
 */
public record HandoverWatch(WatchTarget target, String title, boolean alreadyWatchedBySuccessor,
                            boolean mutedBySuccessor) {
}
