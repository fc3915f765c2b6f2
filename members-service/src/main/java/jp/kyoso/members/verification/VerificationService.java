package jp.kyoso.members.verification;

import java.time.Instant;
import java.util.List;
import jp.kyoso.members.Messages;
import jp.kyoso.members.handover.Handovers;
import jp.kyoso.members.member.Member;
import jp.kyoso.members.member.MemberEvents;
import jp.kyoso.members.member.MemberStatus;
import jp.kyoso.members.member.Members;
import jp.kyoso.members.member.Role;
import jp.kyoso.members.member.Verification;
import jp.kyoso.members.registration.RegistrationProperties;
import jp.kyoso.members.support.EmailAddresses;
import jp.kyoso.members.support.Secrets;
import jp.kyoso.members.support.Times;
import jp.kyoso.platform.outbox.Outbox;
import jp.kyoso.platform.outbox.OutboxRelay;
import jp.kyoso.platform.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Turns a pending member into an active one with the single-use token from the mail, and re-sends that mail. */
@Service
public class VerificationService {
    private static final Logger log = LoggerFactory.getLogger(VerificationService.class);

    private final MongoTemplate mongo;
    private final Members members;
    private final OutboxRelay relay;
    private final RegistrationProperties properties;
    private final ResendQueue resends;
    private final Handovers handovers;

    VerificationService(MongoTemplate mongo, Members members, OutboxRelay relay, RegistrationProperties properties,
                        ResendQueue resends, Handovers handovers) {
        this.mongo = mongo;
        this.members = members;
        this.relay = relay;
        this.properties = properties;
        this.resends = resends;
        this.handovers = handovers;
    }

    public record Verified(String memberId, MemberStatus status) {
    }

    public Verified verify(String token) {
        String tokenHash = Secrets.sha256(token);
        Instant now = Times.now();
        Query usable = Query.query(Criteria.where("verification.tokenHash").is(tokenHash)
                .and("status").is(MemberStatus.PENDING_VERIFICATION)
                .and("verification.expiresAt").gt(now));
        Member pending = mongo.findOne(usable, Member.class);
        if (pending == null) {
            throw invalidLink();
        }
        List<String> roles = properties.adminEmails().contains(pending.email())
                ? Role.canonical(List.of(Role.ADMIN.name())) : Role.canonical(List.of());
        Update update = Outbox.append(new Update()
                        .set("status", MemberStatus.ACTIVE).set("roles", roles).set("activatedAt", now)
                        .set("updatedAt", now).unset("verification").inc("version", 1),
                MemberEvents.activated(pending, roles, now));
        // The same condition again: of two requests racing with one token only one activates (single use).
        if (mongo.updateFirst(usable, update, Member.class).getModifiedCount() == 0) {
            throw invalidLink();
        }
        relay.wakeUp();
        bindHandovers(pending.id());
        return new Verified(pending.id(), MemberStatus.ACTIVE);
    }

    /**
     * A successor named by a leaver before they were a member takes over from now on. The member is active whatever
     * happens here: a handover left waiting is bound the next time they look at their handovers.
     */
    private void bindHandovers(String memberId) {
        try {
            handovers.bindWaitingFor(memberId);
        } catch (RuntimeException e) {
            log.warn("Handovers waiting for member {} not bound yet, will be on their next look: {}", memberId,
                    e.getMessage());
        }
    }

    /**
     * Sends a new link to a pending member, later: the caller returns at once, before anything about the address has
     * been looked at, so that neither the answer nor its timing says whether the address is registered.
     */
    public void resend(String rawEmail) {
        if (rawEmail == null || rawEmail.isBlank() || rawEmail.length() > 254) {
            return;
        }
        String email = EmailAddresses.normalize(rawEmail);
        resends.submit(() -> members.byEmail(email)
                .filter(member -> member.status() == MemberStatus.PENDING_VERIFICATION)
                .ifPresent(this::sendNewLink));
    }

    private void sendNewLink(Member member) {
        Instant now = Times.now();
        String token = Secrets.newToken();
        Instant expiresAt = now.plus(properties.verificationLifetime());
        Query notRecentlySent = Query.query(Criteria.where("_id").is(member.id())
                .and("status").is(MemberStatus.PENDING_VERIFICATION)
                .orOperator(Criteria.where("verification.sentAt").exists(false),
                        Criteria.where("verification.sentAt").lt(now.minus(properties.mailInterval()))));
        // The new link replaces the old one: only the latest mail works.
        Update update = Outbox.append(new Update()
                        .set("verification", new Verification(Secrets.sha256(token), expiresAt, now)),
                MemberEvents.sendVerificationMail(member, token, expiresAt));
        if (mongo.updateFirst(notRecentlySent, update, Member.class).getModifiedCount() > 0) {
            relay.wakeUp();
        }
    }

    private static ApiProblem invalidLink() {
        return new ApiProblem(HttpStatus.BAD_REQUEST, Messages.get("verification.failed.title"),
                Messages.get("verification.failed.detail"),
                List.of(new ApiProblem.FieldProblem("token", Messages.get("verification.token.invalid"))));
    }
}
