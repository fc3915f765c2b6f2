package jp.kyoso.notifications.subscription;

import java.util.Set;

/** The members who watch or muted one channel or post; members in neither set are at NORMAL. */
public record Watchers(boolean known, Set<String> watching, Set<String> muted) {
    public static final Watchers NONE = new Watchers(false, Set.of(), Set.of());

    public WatchLevel levelOf(String memberId) {
        if (muted.contains(memberId)) {
            return WatchLevel.MUTED;
        }
        return watching.contains(memberId) ? WatchLevel.WATCHING : WatchLevel.NORMAL;
    }
}
