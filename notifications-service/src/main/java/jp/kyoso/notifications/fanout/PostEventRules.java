package jp.kyoso.notifications.fanout;

import static jp.kyoso.notifications.inbox.NotificationType.MENTION;
import static jp.kyoso.notifications.inbox.NotificationType.REACTION;
import static jp.kyoso.notifications.inbox.NotificationType.REPLY;
import static jp.kyoso.notifications.inbox.NotificationType.REPORT;
import static jp.kyoso.notifications.inbox.NotificationType.WATCHED_CHANNEL_POST;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.kyoso.notifications.announcement.AnnouncementProgressStore;
import jp.kyoso.notifications.inbox.Actor;
import jp.kyoso.notifications.inbox.NotificationContent;
import jp.kyoso.notifications.inbox.NotificationType;
import jp.kyoso.notifications.inbox.InboxStore;
import jp.kyoso.notifications.member.Member;
import jp.kyoso.notifications.member.MemberDirectory;
import jp.kyoso.notifications.slack.ChannelMirrorStore;
import jp.kyoso.notifications.slack.SlackMessages;
import jp.kyoso.notifications.subscription.SubscriptionStore;
import jp.kyoso.notifications.subscription.WatchLevel;
import jp.kyoso.notifications.subscription.Watchers;
import jp.kyoso.platform.consumer.InboundEvent;
import org.springframework.stereotype.Component;

/**
 * Who hears of what, by the rules of API.md:
 * <ul>
 * <li>a new post: WATCHED_CHANNEL_POST to the channel's watchers, MENTION to the mentioned (watching or not);</li>
 * <li>a post of kind ANNOUNCEMENT or in {@code announcements}: ANNOUNCEMENT to every active member;</li>
 * <li>a reply: REPLY to the post's watchers (its author and repliers watch it automatically), MENTION to the
 * mentioned; a member who is both gets one MENTION;</li>
 * <li>a reaction: REACTION to the post's author; a report: REPORT to every moderator;</li>
 * <li>a question solved: ANSWER_CHOSEN to the author of the chosen reply;</li>
 * <li>a post's first open 要確認 flag: POST_FLAGGED_OUTDATED to its author and watchers, never the flagger;</li>
 * <li>never the actor; MUTED (on the post, else on its channel) silences all but ANNOUNCEMENT and REPORT (moderators
 * must hear of every report); a post watched explicitly stays audible in a muted channel.</li>
 * </ul>
 */
@Component
public class PostEventRules {
    static final String ANNOUNCEMENTS_CHANNEL = "announcements";

    private final Notifier notifier;
    private final SubscriptionStore subscriptions;
    private final MemberDirectory members;
    private final InboxStore inbox;
    private final ChannelMirrorStore mirrors;
    private final SlackMessages slackMessages;
    private final AnnouncementProgressStore announcementProgress;

    public PostEventRules(Notifier notifier, SubscriptionStore subscriptions, MemberDirectory members,
                          InboxStore inbox, ChannelMirrorStore mirrors, SlackMessages slackMessages,
                          AnnouncementProgressStore announcementProgress) {
        this.notifier = notifier;
        this.subscriptions = subscriptions;
        this.members = members;
        this.inbox = inbox;
        this.mirrors = mirrors;
        this.slackMessages = slackMessages;
        this.announcementProgress = announcementProgress;
    }

    public void apply(InboundEvent event) {
        String type = event.type();
        if (type.endsWith(".PostPublished.v1")) {
            postPublished(event);
        } else if (type.endsWith(".ReplyAdded.v1")) {
            replyAdded(event);
        } else if (type.endsWith(".PostEdited.v1")) {
            postEdited(event);
        } else if (type.endsWith(".ReactionAdded.v1")) {
            reactionAdded(event);
        } else if (type.endsWith(".ReportFiled.v1")) {
            reportFiled(event);
        } else if (type.endsWith(".PostHidden.v1")) {
            postHidden(event);
        } else if (type.endsWith(".QuestionSolved.v1")) {
            questionSolved(event);
        } else if (type.endsWith(".PostFlaggedOutdated.v1")) {
            postFlaggedOutdated(event);
        } else if (type.endsWith(".PostDeleted.v1")) {
            String postId = EventFields.required(event, "postId");
            subscriptions.forgetPost(postId);
            inbox.deleteForPost(postId);
        }
        // ChannelCreated, ChannelArchived and types this version does not know need nothing here
    }

    private void postPublished(InboundEvent event) {
        String postId = EventFields.required(event, "postId");
        String authorId = EventFields.required(event, "authorId");
        String slug = EventFields.required(event, "channelSlug");
        String title = event.text("title");
        String excerpt = EventFields.snippet(event.text("excerpt"));
        NotificationContent content = new NotificationContent(event.id(), actor(authorId), postId, null, slug, title,
                excerpt, null);
        subscriptions.watchAutomatically(postId, authorId);
        members.posted(authorId);
        if (imported(event)) {
            return;
        }
        boolean announcement = "ANNOUNCEMENT".equals(event.text("kind")) || ANNOUNCEMENTS_CHANNEL.equals(slug);
        if (announcement) {
            notifier.announce(content, authorId);
        } else {
            Watchers channel = subscriptions.get(SubscriptionStore.channelKey(slug));
            Watchers post = subscriptions.get(SubscriptionStore.postKey(postId));
            Map<String, List<NotificationType>> candidates = new LinkedHashMap<>();
            for (String mentioned : EventFields.list(event, "mentionedMemberIds")) {
                add(candidates, mentioned, MENTION);
            }
            for (String watcher : channel.watching()) {
                add(candidates, watcher, WATCHED_CHANNEL_POST);
            }
            notifier.notify(content, audible(candidates, post, channel));
        }
        String mirror = mirrors.webhookOf(slug);
        if (mirror != null) {
            slackMessages.queueMirror(slug, event.id(), mirror, postId, title, excerpt);
        }
        if (announcement) {
            // after the mirror: the announcement's progress counts its message too, so it is queued before the end
            announcementProgress.fannedOut(content);
        }
    }

    private void replyAdded(InboundEvent event) {
        String postId = EventFields.required(event, "postId");
        String replyId = EventFields.required(event, "replyId");
        String authorId = EventFields.required(event, "authorId");
        if (imported(event)) {
            // its thread's PostPublished, imported just before it, made the post's author watch it
            subscriptions.watchAutomatically(postId, authorId);
            members.posted(authorId);
            return;
        }
        String postAuthorId = event.text("postAuthorId");
        String slug = event.text("channelSlug");
        // one query for the post's and the channel's watchers, one for the replier and the recipients: this consumer
        // handles the events of one thread one after another, so each round trip is paid by every later reply
        String postKey = SubscriptionStore.postKey(postId);
        String channelKey = slug == null ? null : SubscriptionStore.channelKey(slug);
        Map<String, Watchers> watchers = subscriptions.getAll(channelKey == null ? List.of(postKey)
                : List.of(postKey, channelKey));
        Watchers post = watchers.get(postKey);
        if (!post.known() && postAuthorId != null) {
            // the post was published before this service listened: its author watches it all the same
            subscriptions.watchAutomatically(postId, postAuthorId);
            post = subscriptions.get(postKey);
        }
        Watchers channel = channelKey == null ? Watchers.NONE : watchers.get(channelKey);
        Map<String, List<NotificationType>> candidates = new LinkedHashMap<>();
        for (String mentioned : EventFields.list(event, "mentionedMemberIds")) {
            add(candidates, mentioned, MENTION);
        }
        for (String watcher : post.watching()) {
            add(candidates, watcher, REPLY);
        }
        List<Candidate> recipients = audible(candidates, post, channel);
        Notifier.KnownMembers known = notifier.lookUp(recipients, authorId);
        Member author = known.get(authorId);
        NotificationContent content = new NotificationContent(event.id(), actor(authorId, author), postId, replyId, slug,
                event.text("postTitle"), EventFields.snippet(event.text("excerpt")), null);
        notifier.notify(content, recipients, known);
        // each write only when it changes something: in a busy thread most repliers watch it already and have
        // posted before, and this consumer handles the events of one thread one after another
        if (post.levelOf(authorId) == WatchLevel.NORMAL) {
            subscriptions.watchAutomatically(postId, authorId);
        }
        if (author == null || !author.hasPosted()) {
            members.posted(authorId);
        }
    }

    /**
     * History brought in from another platform (posts-service's imports): its authors and repliers watch their
     * threads, as they would have had they written here, but nobody hears of messages written years ago, nor are
     * they mirrored back to Slack, where they came from.
     */
    private static boolean imported(InboundEvent event) {
        return event.data() != null && event.data().path("imported").asBoolean(false);
    }

    private void postEdited(InboundEvent event) {
        String postId = EventFields.required(event, "postId");
        List<String> newlyMentioned = EventFields.list(event, "mentionedMemberIds");
        if (newlyMentioned.isEmpty()) {
            return;
        }
        String slug = event.text("channelSlug");
        String editorId = event.text("editorId") != null ? event.text("editorId") : event.text("authorId");
        NotificationContent content = new NotificationContent(event.id(), actor(editorId), postId, null, slug,
                event.text("title"), EventFields.snippet(event.text("excerpt")), null);
        Map<String, List<NotificationType>> candidates = new LinkedHashMap<>();
        newlyMentioned.forEach(member -> add(candidates, member, MENTION));
        notifier.notify(content, audible(candidates, subscriptions.get(SubscriptionStore.postKey(postId)),
                slug == null ? Watchers.NONE : subscriptions.get(SubscriptionStore.channelKey(slug))));
    }

    private void reactionAdded(InboundEvent event) {
        String postId = EventFields.required(event, "postId");
        String postAuthorId = EventFields.required(event, "postAuthorId");
        String reactorId = EventFields.required(event, "memberId");
        String slug = event.text("channelSlug");
        String emoji = event.text("emoji");
        NotificationContent content = new NotificationContent(event.id(), actor(reactorId), postId, null, slug,
                event.text("postTitle"), emoji, emoji);
        Map<String, List<NotificationType>> candidates = new LinkedHashMap<>();
        add(candidates, postAuthorId, REACTION);
        notifier.notify(content, audible(candidates, subscriptions.get(SubscriptionStore.postKey(postId)),
                slug == null ? Watchers.NONE : subscriptions.get(SubscriptionStore.channelKey(slug))));
    }

    /** The reporter is not named to the moderators: reports stay anonymous (the notice shows the system as actor). */
    private void reportFiled(InboundEvent event) {
        String postId = EventFields.required(event, "postId");
        String reporterId = event.text("reporterId");
        String slug = event.text("channelSlug");
        String count = event.data().has("reportCount") ? event.data().get("reportCount").asString() : null;
        NotificationContent content = new NotificationContent(event.id(), null, postId, null, slug,
                event.text("postTitle"), EventFields.snippet(event.text("reason")), count);
        Map<String, List<NotificationType>> candidates = new LinkedHashMap<>();
        for (String moderator : members.moderatorIds()) {
            if (!moderator.equals(reporterId)) {
                add(candidates, moderator, REPORT);
            }
        }
        notifier.notify(content, audible(candidates, subscriptions.get(SubscriptionStore.postKey(postId)),
                slug == null ? Watchers.NONE : subscriptions.get(SubscriptionStore.channelKey(slug))));
    }

    /**
     * POST_HIDDEN to the author when a moderator hid their post and said why ({@code note}); a hiding by reports,
     * without a reason, or a post shown again tells nobody. The moderator is not named (the system is the actor), and
     * a mute does not silence it. Needs the additive {@code postAuthorId}; a PostHidden without it is ignored.
     */
    private void postHidden(InboundEvent event) {
        String postId = EventFields.required(event, "postId");
        String note = event.text("note");
        String authorId = event.text("postAuthorId");
        boolean hidden = event.data().has("hidden") && event.data().get("hidden").asBoolean();
        if (!hidden || note == null || note.isBlank() || authorId == null || authorId.isBlank()
                || !"MODERATOR".equals(event.text("reason")) || authorId.equals(event.text("by"))) {
            return;
        }
        NotificationContent content = new NotificationContent(event.id(), null, postId, null,
                event.text("channelSlug"), event.text("postTitle"), EventFields.snippet(note), null);
        notifier.notify(content, List.of(new Candidate(authorId, List.of(NotificationType.POST_HIDDEN))));
    }

    /**
     * ANSWER_CHOSEN to the author of the reply chosen as a question's answer, naming who chose it; never when they
     * chose it themselves (the actor is never notified). A mute silences it, as it silences a reaction. A later
     * QuestionSolved for another reply tells that reply's author; QuestionReopened tells nobody.
     */
    private void questionSolved(InboundEvent event) {
        String postId = EventFields.required(event, "postId");
        String replyId = EventFields.required(event, "replyId");
        String replyAuthorId = EventFields.required(event, "replyAuthorId");
        String slug = event.text("channelSlug");
        NotificationContent content = new NotificationContent(event.id(), actor(event.text("chosenBy")), postId,
                replyId, slug, event.text("title"), null, null);
        Map<String, List<NotificationType>> candidates = new LinkedHashMap<>();
        add(candidates, replyAuthorId, NotificationType.ANSWER_CHOSEN);
        notifier.notify(content, audible(candidates, subscriptions.get(SubscriptionStore.postKey(postId)),
                slug == null ? Watchers.NONE : subscriptions.get(SubscriptionStore.channelKey(slug))));
    }

    /**
     * POST_FLAGGED_OUTDATED to the post's author and its watchers when a member flags it as possibly out of date
     * (要確認), with the reason as the snippet and the link, if any, as {@code extra}. Only the first open flag tells
     * them ({@code firstOpenFlag}): further flags while one is open tell nobody, and after a moderator cleared the flags
     * the next one tells them again. The flagger is never told (nor named: the system is the actor, as the banner
     * does not name them either); a mute silences it, as it silences a reply.
     */
    private void postFlaggedOutdated(InboundEvent event) {
        String postId = EventFields.required(event, "postId");
        String flaggedBy = EventFields.required(event, "flaggedBy");
        boolean first = event.data().has("firstOpenFlag") && event.data().get("firstOpenFlag").asBoolean();
        if (!first) {
            return;
        }
        String slug = event.text("channelSlug");
        String authorId = event.text("postAuthorId");
        NotificationContent content = new NotificationContent(event.id(), null, postId, null, slug,
                event.text("title"), EventFields.snippet(event.text("reason")), event.text("link"));
        Watchers post = subscriptions.get(SubscriptionStore.postKey(postId));
        Map<String, List<NotificationType>> candidates = new LinkedHashMap<>();
        if (authorId != null && !authorId.isBlank()) {
            add(candidates, authorId, NotificationType.POST_FLAGGED_OUTDATED);
        }
        for (String watcher : post.watching()) {
            add(candidates, watcher, NotificationType.POST_FLAGGED_OUTDATED);
        }
        candidates.remove(flaggedBy);
        notifier.notify(content, audible(candidates, post,
                slug == null ? Watchers.NONE : subscriptions.get(SubscriptionStore.channelKey(slug))));
    }

    private static void add(Map<String, List<NotificationType>> candidates, String memberId, NotificationType type) {
        List<NotificationType> types = candidates.computeIfAbsent(memberId, id -> new ArrayList<>(2));
        if (!types.contains(type)) {
            types.add(type);
        }
    }

    /**
     * Drops the members for whom the post, or failing a level on the post its channel, is MUTED, unless what they
     * would get bypasses the mute.
     */
    private static List<Candidate> audible(Map<String, List<NotificationType>> candidates, Watchers post,
                                           Watchers channel) {
        List<Candidate> result = new ArrayList<>(candidates.size());
        candidates.forEach((memberId, types) -> {
            WatchLevel onPost = post.levelOf(memberId);
            boolean muted = onPost == WatchLevel.MUTED
                    || (onPost != WatchLevel.WATCHING && channel.levelOf(memberId) == WatchLevel.MUTED);
            if (!muted) {
                result.add(new Candidate(memberId, types));
            } else {
                List<NotificationType> loud = types.stream().filter(NotificationType::bypassesMute).toList();
                if (!loud.isEmpty()) {
                    result.add(new Candidate(memberId, loud));
                }
            }
        });
        return result;
    }

    private Actor actor(String memberId) {
        return memberId == null ? null : actor(memberId, members.find(memberId));
    }

    private static Actor actor(String memberId, Member member) {
        if (member != null && member.deactivated()) {
            return Actor.formerMember(memberId);
        }
        return new Actor(memberId, member == null ? null : member.displayName());
    }
}
