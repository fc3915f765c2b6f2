package jp.kyoso.notifications.handover;

/**
 * What taking over the watches did.
 *
 * @param copied          watches the successor has now and did not have
 * @param alreadyWatching watches the successor had already
 * @param keptMuted       watches the successor had MUTED: left muted, never overridden
 * @param skipped         targets asked for that the leaver does not watch (any more): nothing done
 */
public record TakeOverResult(int copied, int alreadyWatching, int keptMuted, int skipped) {
}
