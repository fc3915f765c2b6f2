package jp.kyoso.members.deactivation;

import java.time.Instant;
import java.util.List;
import jp.kyoso.members.handover.Handovers;
import jp.kyoso.members.invitation.Invitations;
import jp.kyoso.members.member.Member;
import jp.kyoso.members.member.MemberEvents;
import jp.kyoso.members.member.MemberStatus;
import jp.kyoso.members.member.TokenRevocationReason;
import jp.kyoso.members.support.Times;
import jp.kyoso.members.token.RefreshTokens;
import jp.kyoso.platform.outbox.Outbox;
import jp.kyoso.platform.outbox.OutboxRelay;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Deactivation erases a member's personal data and tells every other service to erase its copies.
 *
 * <p>The idempotent steps come first: revoking the refresh tokens, forgetting the address an invitation was bound
 * to, and deleting the handovers the member gave or received (withdrawing the invitation of one still waiting).
 * Then the erasure, {@code MemberDeactivated} and {@code MemberTokensRevoked}, one conditional single-document update (only an active or pending
 * member matches; the positions, current and past, go with the rest, so no past-holder entry remains), so the
 * event exists exactly when the erasure happened and only the first of any number of requests writes it. A process killed before that update leaves a member who is still active (logged out) and
 * whose client got no 204 and retries, doing the first steps again; killed after it, nothing personal is left
 * behind, and the outbox relay publishes the event after the restart. A repeated request is 204 and publishes nothing.
 */
@Service
public class DeactivationService {
    private final MongoTemplate mongo;
    private final RefreshTokens refreshTokens;
    private final Invitations invitations;
    private final Handovers handovers;
    private final OutboxRelay relay;

    public DeactivationService(MongoTemplate mongo, RefreshTokens refreshTokens, Invitations invitations,
                               Handovers handovers, OutboxRelay relay) {
        this.mongo = mongo;
        this.refreshTokens = refreshTokens;
        this.invitations = invitations;
        this.handovers = handovers;
        this.relay = relay;
    }

    public void deactivate(String memberId) {
        refreshTokens.revokeAllOf(memberId);
        invitations.forgetAddressOf(memberId);
        handovers.forget(memberId);
        if (erase(memberId)) {
            relay.wakeUp();
        }
    }

    /**
     * The state change and its event, together. Returns false when the member was already deactivated (or does not
     * exist): then nothing is written and no second event is published.
     */
    public boolean erase(String memberId) {
        Instant now = Times.now();
        Update update = new Update()
                .set("status", MemberStatus.DEACTIVATED).set("deactivatedAt", now).set("updatedAt", now)
                .unset("email").unset("displayName").unset("organization").unset("organizationCode")
                .unset("prefecture").unset("department").unset("positionSince").unset("pastPositions")
                .unset("bio").set("interests", List.of())
                .set("roles", List.of()).unset("passwordHash").unset("verification")
                .unset("alreadyRegisteredMailAt").inc("version", 1);
        // the member's access tokens go with the account: every service refuses them within seconds
        Outbox.append(update, MemberEvents.deactivated(memberId, now),
                MemberEvents.tokensRevoked(memberId, now, TokenRevocationReason.DEACTIVATED));
        Query notYetDeactivated = Query.query(Criteria.where("_id").is(memberId)
                .and("status").in(MemberStatus.ACTIVE, MemberStatus.PENDING_VERIFICATION));
        return mongo.updateFirst(notYetDeactivated, update, Member.class).getModifiedCount() == 1;
    }
}
