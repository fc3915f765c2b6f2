package jp.kyoso.notifications.handover;

import java.util.List;

/** The leaver's current watches: channels first (by slug), then posts, those this service heard of last first. */
public record HandoverWatchList(String handoverId, List<HandoverWatch> items) {
}
