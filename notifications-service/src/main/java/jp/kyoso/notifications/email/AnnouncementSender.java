package jp.kyoso.notifications.email;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.kyoso.notifications.Messages;
import jp.kyoso.notifications.delivery.DeliveryProperties;
import jp.kyoso.notifications.delivery.Outcome;
import jp.kyoso.notifications.inbox.InboxStore;
import jp.kyoso.notifications.inbox.NotificationItem;
import jp.kyoso.notifications.inbox.NotificationType;
import jp.kyoso.notifications.member.Member;
import jp.kyoso.notifications.member.MemberDirectory;
import jp.kyoso.notifications.preference.EmailMode;
import jp.kyoso.notifications.preference.PreferenceStore;
import jp.kyoso.notifications.preference.Preferences;
import jp.kyoso.notifications.store.KeyPrefix;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Expands an announcement's delivery (see {@link AnnouncementMails}): each turn of the EMAIL worker takes the next
 * {@code kyoso.delivery.batch-size} members of the current page, looks up their notices, addresses and preferences by
 * key, sends their mails over one SMTP connection and records how far it got, then goes back in the queue behind the
 * mails that are due. A member is mailed if the notice is still there (the post was not deleted) and they still want
 * announcements by mail at once: a member who switched to the digest or off since is skipped.
 *
 * <p>A mail the server refused for now (4xx) goes into the member's own INSTANT mail, with its own retries and log
 * entry; one it refused for good (5xx) is counted in {@code failedCount}. When the server cannot be reached, the turn
 * stops before the first mail that did not leave and the delivery waits for the server.
 */
@Component
class AnnouncementSender {
    private final MongoTemplate mongo;
    private final InboxStore inbox;
    private final MemberDirectory members;
    private final PreferenceStore preferences;
    private final MailTemplates templates;
    private final MailGateway gateway;
    private final InstantMails instantMails;
    private final DeliveryProperties properties;

    AnnouncementSender(MongoTemplate mongo, InboxStore inbox, MemberDirectory members, PreferenceStore preferences,
                       MailTemplates templates, MailGateway gateway, InstantMails instantMails,
                       DeliveryProperties properties) {
        this.mongo = mongo;
        this.inbox = inbox;
        this.members = members;
        this.preferences = preferences;
        this.templates = templates;
        this.gateway = gateway;
        this.instantMails = instantMails;
        this.properties = properties;
    }

    Outcome sendNextPage(Document job) {
        String eventId = job.getString("eventId");
        int pages = job.getInteger("pages", 0);
        int page = job.getInteger("page", 0);
        int offset = job.getInteger("offset", 0);
        int sent = job.getInteger("sentCount", 0);
        int failed = job.getInteger("failedCount", 0);
        List<String> step = List.of();
        while (page < pages) {
            step = recipients(eventId, page, offset, properties.batchSize());
            if (!step.isEmpty()) {
                break;
            }
            page++;
            offset = 0;
        }
        if (step.isEmpty()) {
            // every page of the event, also one an earlier attempt left behind beyond `pages`
            mongo.remove(Query.query(KeyPrefix.startingWith(eventId + ":")), AnnouncementMails.RECIPIENTS);
            return Outcome.sent(progress(page, offset, sent, failed).append("note",
                    Messages.get("email.announcement.done", String.valueOf(sent), String.valueOf(failed))));
        }

        // by member: most have no copy of their own yet, their notice comes from the broadcast
        Map<String, NotificationItem> notices = inbox.noticesOf(eventId, step);
        Map<String, Member> known = members.findAll(step);
        Map<String, Preferences> settings = preferences.getAll(step);
        List<String> mailed = new ArrayList<>(step.size());
        List<MailGateway.Outgoing> outgoing = new ArrayList<>(step.size());
        for (String memberId : step) {
            NotificationItem notice = notices.get(memberId);
            Member member = known.get(memberId);
            Preferences preference = settings.getOrDefault(memberId, Preferences.DEFAULTS);
            if (notice != null && member != null && member.email() != null && !member.deactivated()
                    && preference.email() == EmailMode.INSTANT && preference.enabled(NotificationType.ANNOUNCEMENT)) {
                mailed.add(memberId);
                outgoing.add(new MailGateway.Outgoing(templates.notices(member.email(), member.displayName(),
                        List.of(notice)), EmailHandler.messageId(job.getString("_id") + "|" + memberId)));
            }
        }
        List<MailGateway.Result> results;
        try {
            results = outgoing.isEmpty() ? List.of() : gateway.sendAll(outgoing);
        } catch (CallNotPermittedException e) {
            return EmailHandler.circuitOpen(gateway);
        }
        List<InstantMails.Notice> later = new ArrayList<>();
        String lastError = null;
        int done = step.size();
        for (int i = 0; i < results.size(); i++) {
            MailGateway.Result result = results.get(i);
            String memberId = mailed.get(i);
            switch (result.status()) {
                case SENT -> sent++;
                case REJECTED -> {
                    failed++;
                    lastError = result.error();
                }
                case TEMPORARY -> {
                    NotificationItem notice = notices.get(memberId);
                    // that mail reads the notice from the member's inbox: their copy is written now
                    inbox.catchUp(memberId);
                    later.add(new InstantMails.Notice(memberId, notice.id(), notice.createdAt()));
                    lastError = result.error();
                }
                case UNREACHABLE -> {
                    // the mails from here on did not leave: this member is where the next turn starts
                    done = Math.min(done, step.indexOf(memberId));
                    lastError = result.error();
                }
            }
            if (done < step.size()) {
                break;
            }
        }
        instantMails.collect(later);
        Document changes = progress(page, offset + done, sent, failed);
        if (done < step.size()) {
            return Outcome.unreachable(lastError).with(changes);
        }
        if (lastError != null) {
            changes.append("lastError", lastError);
        }
        return Outcome.progress(changes);
    }

    /** Members {@code offset} to {@code offset + count} of the page, read by key, only that part of the list. */
    private List<String> recipients(String eventId, int page, int offset, int count) {
        Query query = Query.query(Criteria.where("_id").is(AnnouncementMails.pageId(eventId, page)));
        query.fields().slice("memberIds", offset, count);
        Document document = mongo.findOne(query, Document.class, AnnouncementMails.RECIPIENTS);
        return document == null ? List.of() : document.getList("memberIds", String.class, List.of());
    }

    private static Document progress(int page, int offset, int sent, int failed) {
        return new Document("page", page).append("offset", offset).append("sentCount", sent)
                .append("failedCount", failed);
    }
}
