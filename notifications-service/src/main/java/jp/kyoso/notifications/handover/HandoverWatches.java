package jp.kyoso.notifications.handover;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.kyoso.notifications.postsview.PostsView;
import jp.kyoso.notifications.subscription.SubscriptionStore;
import jp.kyoso.notifications.subscription.WatchLevel;
import org.bson.Document;
import org.springframework.stereotype.Service;

/**
 * The leaver's watches on the handover page, and the successor taking them over. Only what the leaver watches now
 * (WATCHING on a channel or post, automatic watches of her own threads included) is listed and copied; a watch the
 * successor set to MUTED stays muted, since that was the successor's own choice.
 */
@Service
class HandoverWatches {
    private final Handovers handovers;
    private final SubscriptionStore subscriptions;
    private final PostsView posts;

    HandoverWatches(Handovers handovers, SubscriptionStore subscriptions, PostsView posts) {
        this.handovers = handovers;
        this.subscriptions = subscriptions;
        this.posts = posts;
    }

    HandoverWatchList list(String handoverId, String viewerId) {
        Document handover = handovers.openTo(handoverId, viewerId, false);
        String successorId = handover.getString("successorId");
        List<String> watched = subscriptions.watchedBy(handover.getString("predecessorId")).stream()
                .filter(key -> WatchTarget.ofKey(key) != null).toList();
        Map<String, WatchLevel> successorLevels = subscriptions.levelsOf(successorId, watched);
        Set<String> postIds = new HashSet<>();
        Set<String> slugs = new HashSet<>();
        for (String key : watched) {
            WatchTarget target = WatchTarget.ofKey(key);
            (WatchTarget.POST.equals(target.type()) ? postIds : slugs).add(target.id());
        }
        Map<String, PostsView.Described> described = posts.describe(postIds, slugs);
        List<Listed> listed = new ArrayList<>();
        for (String key : watched) {
            WatchTarget target = WatchTarget.ofKey(key);
            PostsView.Described known = described.get(key);
            WatchLevel successorLevel = successorLevels.get(key);
            listed.add(new Listed(new HandoverWatch(target, known == null ? null : known.title(),
                    successorLevel == WatchLevel.WATCHING, successorLevel == WatchLevel.MUTED),
                    known == null ? null : known.seenAt()));
        }
        listed.sort(Comparator.comparing((Listed l) -> !WatchTarget.CHANNEL.equals(l.watch().target().type()))
                .thenComparing(l -> WatchTarget.CHANNEL.equals(l.watch().target().type()) ? l.watch().target().id()
                        : "")
                .thenComparing(Listed::seenAt, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(l -> l.watch().target().id()));
        return new HandoverWatchList(handoverId, listed.stream().map(Listed::watch).toList());
    }

    /** Idempotent: a second call finds every watch already there and copies nothing. */
    TakeOverResult takeOver(String handoverId, String viewerId, List<WatchTarget> targets) {
        Document handover = handovers.openTo(handoverId, viewerId, true);
        String successorId = handover.getString("successorId");
        Set<String> watched = new LinkedHashSet<>();
        for (String key : subscriptions.watchedBy(handover.getString("predecessorId"))) {
            if (WatchTarget.ofKey(key) != null) {
                watched.add(key);
            }
        }
        Set<String> keys = new LinkedHashSet<>();
        Set<String> notWatched = new HashSet<>();
        if (targets == null) {
            keys.addAll(watched);
        } else {
            for (WatchTarget target : targets) {
                (watched.contains(target.key()) ? keys : notWatched).add(target.key());
            }
        }
        int skipped = notWatched.size();
        int copied = 0;
        int already = 0;
        int muted = 0;
        Map<String, WatchLevel> successorLevels = subscriptions.levelsOf(successorId, keys);
        for (String key : keys) {
            WatchLevel before = successorLevels.get(key);
            if (before == WatchLevel.WATCHING) {
                already++;
                continue;
            }
            if (before == WatchLevel.MUTED) {
                muted++;
                continue;
            }
            switch (subscriptions.watchUnlessMuted(key, successorId)) {
                case WATCHING -> copied++;
                case MUTED -> muted++;
                // nobody watches it any more (a post deleted meanwhile): there is nothing to take over
                case NORMAL -> skipped++;
            }
        }
        return new TakeOverResult(copied, already, muted, skipped);
    }

    private record Listed(HandoverWatch watch, Date seenAt) {
    }
}
