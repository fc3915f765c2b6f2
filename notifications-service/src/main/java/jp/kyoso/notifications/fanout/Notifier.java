package jp.kyoso.notifications.fanout;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.kyoso.notifications.InstanceId;
import jp.kyoso.notifications.announcement.AnnouncementProgressStore;
import jp.kyoso.notifications.email.AnnouncementMails;
import jp.kyoso.notifications.email.InstantMails;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jp.kyoso.notifications.delivery.DeliveryMetrics;
import jp.kyoso.notifications.inbox.InboxStore;
import jp.kyoso.notifications.inbox.InboxStore.NewNotice;
import jp.kyoso.notifications.inbox.InboxStore.StoredNotice;
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
 * bulk insert into the inbox, then the live-stream signal, the INSTANT notice mails and the Slack messages. A notice
 * mail reads its notices from the inbox by its window when it leaves ({@link InstantMails}), so most events write
 * nothing for it: at 50 replies a second to a thread with ten watchers, adding each notice to its mail was two writes
 * of growing documents per event, on the consumer's one thread. The inbox is written first and nothing here talks to a
 * mail server or to Slack (those go through the persisted queue), so a failing mail server never delays or loses an
 * in-app notice.
 *
 * <p>The side effects run for every notice of the event that is stored, not only for those written now: when an
 * attempt failed after the insert, the next attempt (a retry, a redelivery, the nudge's next check) finds the notices
 * there and still makes sure their mails are queued and queues their Slack messages. Each side effect is idempotent
 * by key (the mail of the notice's window, a Slack message's {@code slack:<noticeId>}, a stream shows a notice once),
 * so running it again changes nothing.
 */
@Component
public class Notifier {
    private final InboxStore inbox;
    private final PreferenceStore preferences;
    private final MemberDirectory members;
    private final StreamSignals streamSignals;
    private final InstantMails instantMails;
    private final AnnouncementMails announcementMails;
    private final SlackMessages slackMessages;
    private final AnnouncementProgressStore progress;
    private final FanOutProperties properties;
    private final Clock clock;
    private final String origin;
    private final DeliveryMetrics deliveries;
    private final Timer announcementFanOut;

    public Notifier(InboxStore inbox, PreferenceStore preferences, MemberDirectory members,
                    StreamSignals streamSignals, InstantMails instantMails, AnnouncementMails announcementMails,
                    SlackMessages slackMessages, AnnouncementProgressStore progress, FanOutProperties properties,
                    Clock clock, InstanceId instanceId, DeliveryMetrics deliveries, MeterRegistry meters) {
        this.inbox = inbox;
        this.deliveries = deliveries;
        // from the event's arrival to the last member's mail page and stream signal (the mail goes out afterwards,
        // page by page); the announcement is in every inbox from the first moment of it
        this.announcementFanOut = Timer.builder("kyoso.announcement.fanout")
                .description("Time to store an announcement once and queue its mail and signals for every member")
                .publishPercentileHistogram().register(meters);
        this.preferences = preferences;
        this.members = members;
        this.streamSignals = streamSignals;
        this.instantMails = instantMails;
        this.announcementMails = announcementMails;
        this.slackMessages = slackMessages;
        this.progress = progress;
        this.properties = properties;
        this.clock = clock;
        this.origin = instanceId.value();
    }

    /**
     * The member records of the candidates and of one more member (the actor), read in one query when they fit in one
     * chunk: what {@link #notify(NotificationContent, List, KnownMembers)} would read for them anyway.
     */
    public KnownMembers lookUp(List<Candidate> candidates, String alsoMemberId) {
        if (candidates.size() >= properties.chunkSize()) {
            return new KnownMembers(false, alsoMemberId == null ? Map.of()
                    : members.findAllForFanOut(List.of(alsoMemberId)));
        }
        List<String> ids = new ArrayList<>(candidates.size() + 1);
        candidates.forEach(candidate -> ids.add(candidate.memberId()));
        if (alsoMemberId != null) {
            ids.add(alsoMemberId);
        }
        return new KnownMembers(true, members.findAllForFanOut(ids));
    }

    /**
     * Member records read ahead: {@code complete} when they cover every candidate of the event (a member missing from
     * them is unknown here), otherwise only those asked for by name.
     */
    public record KnownMembers(boolean complete, Map<String, Member> byId) {
        public Member get(String memberId) {
            return byId.get(memberId);
        }
    }

    /** Notifies the candidates (never the actor; a member listed twice counts once). Returns the new notices. */
    public int notify(NotificationContent content, List<Candidate> candidates) {
        return notify(content, candidates, new KnownMembers(false, Map.of()));
    }

    /** {@link #notify(NotificationContent, List)} with the candidates' records read ahead ({@link #lookUp}). */
    public int notify(NotificationContent content, List<Candidate> candidates, KnownMembers known) {
        Map<String, Candidate> byMember = new LinkedHashMap<>();
        for (Candidate candidate : candidates) {
            if (candidate.memberId() != null && !candidate.memberId().equals(content.actorId())) {
                byMember.putIfAbsent(candidate.memberId(), candidate);
            }
        }
        List<Candidate> unique = new ArrayList<>(byMember.values());
        int created = 0;
        for (int from = 0; from < unique.size(); from += properties.chunkSize()) {
            List<Candidate> chunk = unique.subList(from, Math.min(unique.size(), from + properties.chunkSize()));
            created += newOnes(store(content, chunk, true, known.complete() ? known.byId() : null));
        }
        return created;
    }

    /**
     * Notifies one member of something whose INSTANT mail the caller sends itself (a moderator's nudge, with its own
     * subject and text): the notice is stored, and goes to the digest and Slack, as any other, but is not collected
     * into the member's INSTANT notice mail. Returns the member's notice as stored now (new, or from an earlier
     * attempt), or nothing (a former member).
     */
    public List<StoredNotice> notifyWithOwnMail(NotificationContent content, Candidate candidate) {
        return store(content, List.of(candidate), false, null);
    }

    /**
     * An ANNOUNCEMENT to every active member but its author, whatever they muted: stored once, it is in every inbox at
     * once ({@link InboxStore#broadcast}). Then, chunk by chunk of members, the live streams are signalled, the
     * members who want it at once are added to its mail (one queued delivery for all, see {@link AnnouncementMails}),
     * those whose mail waits for the digest get their copy written, and the Slack messages are queued. The caller
     * marks the end once everything of the post is queued ({@link AnnouncementProgressStore}). Returns the copies
     * written now.
     */
    public int announce(NotificationContent content, String authorId) {
        Timer.Sample fanOut = Timer.start();
        try {
            return announceTimed(content, authorId);
        } finally {
            fanOut.stop(announcementFanOut);
        }
    }

    private int announceTimed(NotificationContent content, String authorId) {
        Instant startedAt = clock.instant();
        Member author = members.find(authorId);
        long recipients = members.activeCount()
                - (author != null && Member.ACTIVE.equals(author.status()) ? 1 : 0);
        progress.started(content, recipients, startedAt);
        InboxStore.StoredBroadcast broadcast = inbox.broadcast(content, NotificationType.ANNOUNCEMENT, authorId,
                clock.instant());
        Instant createdAt = broadcast.createdAt();
        progress.inEveryInbox(content, recipients);
        if (broadcast.isNew()) {
            deliveries.storedInInboxes(recipients);
        }
        boolean mailQueued = announcementMails.queued(content.eventId());
        int[] pages = {0};
        int[] copies = {0};
        members.forEachActiveChunk(properties.chunkSize(), chunk -> {
            List<String> ids = chunk.stream().filter(memberId -> !memberId.equals(authorId)).toList();
            Map<String, Preferences> settings = preferences.getAll(ids);
            List<String> mailAtOnce = new ArrayList<>();
            List<NewNotice> forTheDigest = new ArrayList<>();
            List<String> shown = new ArrayList<>(ids.size());
            List<SlackMessages.ToMember> slack = new ArrayList<>();
            for (String memberId : ids) {
                Preferences preference = settings.getOrDefault(memberId, Preferences.DEFAULTS);
                if (!preference.enabled(NotificationType.ANNOUNCEMENT)) {
                    continue;
                }
                shown.add(memberId);
                String mailMode = mailMode(NotificationType.ANNOUNCEMENT, preference);
                if (InboxStore.INSTANT.equals(mailMode)) {
                    mailAtOnce.add(memberId);
                } else if (InboxStore.DIGEST.equals(mailMode)) {
                    forTheDigest.add(new NewNotice(memberId, NotificationType.ANNOUNCEMENT, mailMode));
                }
                if (preference.slackWebhookUrl() != null) {
                    slack.add(new SlackMessages.ToMember(memberId, content.eventId(), preference.slackWebhookUrl(),
                            NotificationItem.of(NotificationContent.idFor(memberId, content.eventId()),
                                    NotificationType.ANNOUNCEMENT, createdAt, content)));
                }
            }
            streamSignals.publish(content, createdAt, NotificationType.ANNOUNCEMENT, shown);
            // the digest reads the notices that wait for it: those few members get their copy now
            copies[0] += newOnes(inbox.insertAll(content, createdAt, forTheDigest, origin, false));
            if (!mailQueued && !mailAtOnce.isEmpty()) {
                announcementMails.addRecipients(content.eventId(), pages[0], mailAtOnce);
                progress.mailPage(content, pages[0]++, mailAtOnce.size());
            }
            slackMessages.queueNotices(slack);
        });
        if (!mailQueued && pages[0] > 0) {
            announcementMails.queue(content.eventId(), pages[0], startedAt);
        }
        return copies[0];
    }

    /**
     * Stores the notices of one chunk, signals the live streams and queues their mails and Slack messages. Returns
     * every notice of the event among them that is stored now.
     *
     * @param instantMail  whether INSTANT notices go out in the member's notice mail of their window (not for a
     *                     notice whose caller sends its own mail)
     * @param readAhead    the candidates' member records if already read (null: read them here)
     */
    private List<StoredNotice> store(NotificationContent content, List<Candidate> candidates, boolean instantMail,
                                     Map<String, Member> readAhead) {
        List<String> ids = candidates.stream().map(Candidate::memberId).toList();
        Map<String, Preferences> settings = preferences.getAllForFanOut(ids);
        Map<String, Member> known = readAhead != null ? readAhead : members.findAllForFanOut(ids);
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
        List<StoredNotice> stored = inbox.insertAll(content, clock.instant(), notices, origin, instantMail);
        deliveries.storedInInboxes(stored.stream().filter(StoredNotice::isNew).count());
        // the stream before the mails: a reader sees the notice as soon as the inbox has it, not after the mail
        // and Slack queues of every recipient were written
        signal(content, stored);
        if (instantMail) {
            instantMails.expect(stored.stream().filter(n -> InboxStore.INSTANT.equals(n.mailMode()))
                    .map(n -> new InstantMails.Notice(n.memberId(), n.id(), n.createdAt())).toList());
        }
        List<SlackMessages.ToMember> slack = new ArrayList<>();
        for (StoredNotice notice : stored) {
            String webhook = settings.getOrDefault(notice.memberId(), Preferences.DEFAULTS).slackWebhookUrl();
            if (webhook != null && notice.type().leavesTheApp()) {
                slack.add(new SlackMessages.ToMember(notice.memberId(), content.eventId(), webhook,
                        NotificationItem.of(notice.id(), notice.type(), notice.createdAt(), content)));
            }
        }
        slackMessages.queueNotices(slack);
        return stored;
    }

    /**
     * The live-stream signal: one per type and creation time (the notices written now share theirs). A stream shows a
     * notice once, however often it is signalled.
     */
    private void signal(NotificationContent content, List<StoredNotice> stored) {
        Map<String, List<StoredNotice>> groups = new LinkedHashMap<>();
        for (StoredNotice notice : stored) {
            groups.computeIfAbsent(notice.type() + "|" + notice.createdAt().toEpochMilli(), g -> new ArrayList<>())
                    .add(notice);
        }
        groups.values().forEach(group -> streamSignals.publish(content, group.get(0).createdAt(),
                group.get(0).type(), group.stream().map(StoredNotice::memberId).toList()));
    }

    private static int newOnes(List<StoredNotice> stored) {
        return (int) stored.stream().filter(StoredNotice::isNew).count();
    }

    private static String mailMode(NotificationType type, Preferences preference) {
        if (!type.leavesTheApp()) {
            return InboxStore.NONE;
        }
        return switch (preference.email()) {
            case INSTANT -> InboxStore.INSTANT;
            case DAILY_DIGEST -> InboxStore.DIGEST;
            case OFF -> InboxStore.NONE;
        };
    }
}
