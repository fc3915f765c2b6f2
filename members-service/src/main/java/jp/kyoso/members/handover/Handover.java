package jp.kyoso.members.handover;

import java.time.Instant;
import java.util.List;
import jp.kyoso.members.member.Position;
import jp.kyoso.platform.outbox.PendingEvent;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A leaver's handover of one position to a successor: the aggregate behind {@code HandoverNamed} (and the invitation
 * mail command), with its own outbox. Inserted whole, then changed only by targeted updates.
 *
 * @param successorEmail the address the leaver gave, normalized; what a waiting handover binds by
 * @param successorId    null while {@link HandoverStatus#WAITING_FOR_SUCCESSOR}
 * @param invitationId   the invitation issued for a successor who was not a member (its digest), else null
 * @param position       the position handed over as it was when named; {@code to} is null if the leaver still held
 *                       it then (the leaver's {@code pastPositions} then has the end, matched by {@code from})
 */
@Document(Handover.COLLECTION)
public record Handover(@Id String id, String predecessorId, String successorEmail, String successorId,
                       String invitationId, Position position, String note, HandoverStatus status, Instant namedAt,
                       Instant boundAt, List<PendingEvent> outbox) {
    public static final String COLLECTION = "handovers";
}
