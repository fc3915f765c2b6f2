package jp.kyoso.notifications.fanout;

import java.util.List;
import jp.kyoso.notifications.inbox.NotificationType;

/**
 * A member an event may notify, with the types that apply to them in order of precedence: the first one their
 * preferences allow is the one they get, and they get only that one (a reply that mentions a watcher of the thread is
 * one MENTION, not a MENTION and a REPLY).
 */
public record Candidate(String memberId, List<NotificationType> types) {
}
