package jp.kyoso.notifications.handover;

import java.util.Date;
import java.util.List;
import jp.kyoso.notifications.fanout.Candidate;
import jp.kyoso.notifications.fanout.EventFields;
import jp.kyoso.notifications.fanout.Notifier;
import jp.kyoso.notifications.inbox.Actor;
import jp.kyoso.notifications.inbox.InboxStore;
import jp.kyoso.notifications.inbox.NotificationContent;
import jp.kyoso.notifications.inbox.NotificationType;
import jp.kyoso.notifications.member.Member;
import jp.kyoso.notifications.member.MemberDirectory;
import jp.kyoso.platform.consumer.InboundEvent;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The handover events of {@code kyoso.members.v1} (on the members binding, after the member projection):
 * {@code HandoverNamed} is kept in {@code handovers} and tells the successor once (HANDOVER_RECEIVED, notice key
 * {@code handover:<handoverId>}, so a redelivery, a retry or a second instance meet the notice already there);
 * {@code MemberDeactivated} drops the member's handovers and their invitation mails.
 *
 * <p>{@code HandoverNamed} is keyed by the handover, a deactivation by the member: they share no partition. So the
 * handover is written first and both sides are looked at after; the deactivation marks the member first and drops
 * after. Of two such events at the same moment at least one sees the other's write.
 */
@Component
public class HandoverProjection {
    static final String NOTICE_KEY = "handover:";

    private final Handovers handovers;
    private final MemberDirectory members;
    private final Notifier notifier;
    private final InboxStore inbox;
    private final HandoverInvitationMails invitations;
    private final MongoTemplate mongo;

    HandoverProjection(Handovers handovers, MemberDirectory members, Notifier notifier, InboxStore inbox,
                       HandoverInvitationMails invitations, MongoTemplate mongo) {
        this.handovers = handovers;
        this.members = members;
        this.notifier = notifier;
        this.inbox = inbox;
        this.invitations = invitations;
        this.mongo = mongo;
    }

    /** Whether the event is a handover's own (it names no member in {@code memberId}). */
    public static boolean isHandoverEvent(InboundEvent event) {
        return event.type().endsWith(".HandoverNamed.v1");
    }

    public void apply(InboundEvent event) {
        if (isHandoverEvent(event)) {
            named(event);
        } else if (event.type().endsWith(".MemberDeactivated.v1")) {
            String memberId = EventFields.required(event, "memberId");
            handovers.removeAllOf(memberId);
            invitations.erase(memberId);
        }
    }

    private void named(InboundEvent event) {
        String handoverId = EventFields.required(event, "handoverId");
        String predecessorId = EventFields.required(event, "predecessorId");
        String successorId = EventFields.required(event, "successorId");
        String predecessorName = event.text("predecessorName");
        JsonNode position = event.data().get("position");
        String organization = text(position, "organization");
        String department = text(position, "department");
        if (former(predecessorId) || former(successorId)) {
            return;
        }
        Update update = new Update().setOnInsert("predecessorId", predecessorId)
                .setOnInsert("successorId", successorId).setOnInsert("predecessorName", predecessorName)
                .setOnInsert("successorName", event.text("successorName"))
                .setOnInsert("organization", organization).setOnInsert("department", department)
                .setOnInsert("from", text(position, "from")).setOnInsert("to", text(position, "to"))
                .setOnInsert("namedAt", Date.from(EventFields.time(event, "namedAt")));
        mongo.upsert(Query.query(Criteria.where("_id").is(handoverId)), update, Handovers.COLLECTION);

        NotificationContent content = new NotificationContent(NOTICE_KEY + handoverId,
                new Actor(predecessorId, predecessorName), null, null, null, job(organization, department),
                EventFields.snippet(event.text("note")), handoverId);
        notifier.notify(content, List.of(new Candidate(successorId, List.of(NotificationType.HANDOVER_RECEIVED))));

        // a deactivation handled meanwhile on another partition did not see this handover or this notice yet
        for (String side : List.of(predecessorId, successorId)) {
            if (former(side)) {
                handovers.remove(handoverId);
                inbox.erase(side);
            }
        }
    }

    /** 「{organization} {department}」: the job as the notice and the invitation name it. */
    static String job(String organization, String department) {
        String org = organization == null ? "" : organization.strip();
        String dept = department == null ? "" : department.strip();
        return (org + " " + dept).strip();
    }

    private boolean former(String memberId) {
        Member member = members.find(memberId);
        return member != null && member.deactivated();
    }

    private static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
