package jp.kyoso.notifications.handover;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.kyoso.notifications.postsview.PostsView;
import jp.kyoso.notifications.subscription.SubscriptionStore;
import jp.kyoso.notifications.subscription.SubscriptionStore.Subscription;
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
        List<Subscription> watched = subscriptions.watchedBy(handover.getString("predecessorId"));
        Set<String> postIds = new HashSet<>();
        Set<String> slugs = new HashSet<>();
        for (Subscription subscription : watched) {
            WatchTarget target = WatchTarget.ofKey(subscription.key());
            if (target != null) {
                (WatchTarget.POST.equals(target.type()) ? postIds : slugs).add(target.id());
            }
        }
        Map<String, PostsView.Described> described = posts.describe(postIds, slugs);
        List<Listed> listed = new ArrayList<>();
        for (Subscription subscription : watched) {
            WatchTarget target = WatchTarget.ofKey(subscription.key());
            if (target == null) {
                continue;
            }
            PostsView.Described known = described.get(subscription.key());
            WatchLevel successorLevel = subscription.watchers().levelOf(successorId);
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
        Map<String, Subscription> watched = new LinkedHashMap<>();
        for (Subscription subscription : subscriptions.watchedBy(handover.getString("predecessorId"))) {
            if (WatchTarget.ofKey(subscription.key()) != null) {
                watched.put(subscription.key(), subscription);
            }
        }
        Set<String> keys = new LinkedHashSet<>();
        Set<String> notWatched = new HashSet<>();
        if (targets == null) {
            keys.addAll(watched.keySet());
        } else {
            for (WatchTarget target : targets) {
                (watched.containsKey(target.key()) ? keys : notWatched).add(target.key());
            }
        }
        int skipped = notWatched.size();
        int copied = 0;
        int already = 0;
        int muted = 0;
        for (String key : keys) {
            WatchLevel before = watched.get(key).watchers().levelOf(successorId);
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
