package jp.kyoso.notifications.fanout;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.kyoso.notifications.InstanceId;
import jp.kyoso.notifications.email.InstantMails;
import jp.kyoso.notifications.inbox.InboxStore;
import jp.kyoso.notifications.inbox.InboxStore.NewNotice;
import jp.kyoso.notifications.inbox.NotificationContent;
import jp.kyoso.notifications.inbox.NotificationItem;
import jp.kyoso.notifications.inbox.NotificationType;
import jp.kyoso.notifications.member.Member;
import jp.kyoso.notifications.member.MemberDirectory;
import jp.kyoso.notifications.preference.Preferences;
import jp.kyoso.notifications.preference.PreferenceStore;
import jp.kyoso.notifications.slack.SlackMessages;
import jp.kyoso.notifications.stream.StreamSignals;
import org.springframework.stereotype.Component;

/**
 * Turns the candidates of one event into notices, in chunks: per chunk one preferences lookup by key, one unordered
 * bulk insert into the inbox, then, for the notices that are new only, the live-stream signal, the INSTANT mail
 * collection and the Slack messages. The inbox is written first and nothing here talks to a mail server or to Slack
 * (those go through the persisted queue), so a failing mail server never delays or loses an in-app notice.
 */
@Component
public class Notifier {
    private final InboxStore inbox;
    private final PreferenceStore preferences;
    private final MemberDirectory members;
    private final StreamSignals streamSignals;
    private final InstantMails instantMails;
    private final SlackMessages slackMessages;
    private final FanOutProperties properties;
    private final Clock clock;
    private final String origin;

    public Notifier(InboxStore inbox, PreferenceStore preferences, MemberDirectory members,
                    StreamSignals streamSignals, InstantMails instantMails, SlackMessages slackMessages,
                    FanOutProperties properties, Clock clock, InstanceId instanceId) {
        this.inbox = inbox;
        this.preferences = preferences;
        this.members = members;
        this.streamSignals = streamSignals;
        this.instantMails = instantMails;
        this.slackMessages = slackMessages;
        this.properties = properties;
        this.clock = clock;
        this.origin = instanceId.value();
    }

    /** Notifies the candidates (never the actor; a member listed twice counts once). Returns the new notices. */
    public int notify(NotificationContent content, List<Candidate> candidates) {
        String actorId = content.actor() == null ? null : content.actor().id();
        Map<String, Candidate> byMember = new LinkedHashMap<>();
        for (Candidate candidate : candidates) {
            if (candidate.memberId() != null && !candidate.memberId().equals(actorId)) {
                byMember.putIfAbsent(candidate.memberId(), candidate);
            }
        }
        List<Candidate> unique = new ArrayList<>(byMember.values());
        int stored = 0;
        for (int from = 0; from < unique.size(); from += properties.chunkSize()) {
            stored += deliver(content, unique.subList(from, Math.min(unique.size(), from + properties.chunkSize())),
                    true);
        }
        return stored;
    }

    /** An ANNOUNCEMENT to every active member but its author, whatever they muted. Returns the new notices. */
    public int announce(NotificationContent content, String authorId) {
        int[] stored = {0};
        members.forEachActiveChunk(properties.chunkSize(), chunk -> {
            List<Candidate> candidates = new ArrayList<>(chunk.size());
            for (String memberId : chunk) {
                if (!memberId.equals(authorId)) {
                    candidates.add(new Candidate(memberId, List.of(NotificationType.ANNOUNCEMENT)));
                }
            }
            stored[0] += deliver(content, candidates, false);
        });
        return stored[0];
    }

    private int deliver(NotificationContent content, List<Candidate> candidates, boolean checkMembers) {
        List<String> ids = candidates.stream().map(Candidate::memberId).toList();
        Map<String, Preferences> settings = preferences.getAll(ids);
        Map<String, Member> known = checkMembers ? members.findAll(ids) : Map.of();
        List<NewNotice> notices = new ArrayList<>(candidates.size());
        for (Candidate candidate : candidates) {
            Member member = known.get(candidate.memberId());
            if (member != null && member.deactivated()) {
                continue;
            }
            Preferences preference = settings.getOrDefault(candidate.memberId(), Preferences.DEFAULTS);
            NotificationType type = candidate.types().stream().filter(preference::enabled).findFirst().orElse(null);
            if (type != null) {
                notices.add(new NewNotice(candidate.memberId(), type, mailMode(type, preference)));
            }
        }
        Instant now = clock.instant();
        List<NewNotice> stored = inbox.insertAll(content, now, notices, origin);
        if (stored.isEmpty()) {
            return 0;
        }
        Map<NotificationType, List<String>> byType = new EnumMap<>(NotificationType.class);
        Map<String, List<String>> instant = new HashMap<>();
        List<SlackMessages.ToMember> slack = new ArrayList<>();
        for (NewNotice notice : stored) {
            byType.computeIfAbsent(notice.type(), t -> new ArrayList<>()).add(notice.memberId());
            String noticeId = NotificationContent.idFor(notice.memberId(), content.eventId());
            if ("INSTANT".equals(notice.mailMode())) {
                instant.put(notice.memberId(), List.of(noticeId));
            }
            String webhook = settings.getOrDefault(notice.memberId(), Preferences.DEFAULTS).slackWebhookUrl();
            if (webhook != null && notice.type().leavesTheApp()) {
                slack.add(new SlackMessages.ToMember(notice.memberId(), webhook,
                        NotificationItem.of(noticeId, notice.type(), now, content)));
            }
        }
        byType.forEach((type, memberIds) -> streamSignals.publish(content, now, type, memberIds));
        instantMails.collect(instant);
        slackMessages.queueNotices(slack);
        return stored.size();
    }

    private static String mailMode(NotificationType type, Preferences preference) {
        if (!type.leavesTheApp()) {
            return "NONE";
        }
        return switch (preference.email()) {
            case INSTANT -> "INSTANT";
            case DAILY_DIGEST -> "DIGEST";
            case OFF -> "NONE";
        };
    }
}
