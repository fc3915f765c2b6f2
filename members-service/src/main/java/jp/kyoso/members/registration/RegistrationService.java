package jp.kyoso.members.registration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import jp.kyoso.members.Messages;
import jp.kyoso.members.invitation.Invitations;
import jp.kyoso.members.member.Member;
import jp.kyoso.members.member.MemberEvents;
import jp.kyoso.members.member.MemberStatus;
import jp.kyoso.members.member.Members;
import jp.kyoso.members.member.Verification;
import jp.kyoso.members.organization.OrganizationCode;
import jp.kyoso.members.organization.Municipalities;
import jp.kyoso.members.organization.Municipality;
import jp.kyoso.members.organization.OrganizationFields;
import jp.kyoso.members.support.EmailAddresses;
import jp.kyoso.members.support.Secrets;
import jp.kyoso.members.support.Strings;
import jp.kyoso.members.support.Times;
import jp.kyoso.platform.outbox.Outbox;
import jp.kyoso.platform.outbox.OutboxRelay;
import jp.kyoso.platform.outbox.PendingEvent;
import jp.kyoso.platform.web.ApiProblem;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Registers public-sector staff (or invited people) as pending members and asks notifications-service to send the
 * verification mail, both through the new member's own document: the insert carries {@code MemberRegistered} and the
 * {@code SendVerificationMail} command in its outbox.
 *
 * <p>Nobody can learn from this endpoint whether an address is registered: an address that already belongs to a
 * member gets the same 202 (with an id that belongs to nobody) and its owner a mail saying someone tried. The checks
 * that answer differently (allowlist, invitation, handle) depend only on what the caller sent or on public data.
 */
@Service
public class RegistrationService {
    private final MongoTemplate mongo;
    private final Members members;
    private final Invitations invitations;
    private final PasswordEncoder passwordEncoder;
    private final OutboxRelay relay;
    private final RegistrationProperties properties;
    private final EmailDomainPolicy domainPolicy;
    private final Municipalities municipalities;

    public RegistrationService(MongoTemplate mongo, Members members, Invitations invitations,
                               PasswordEncoder passwordEncoder, OutboxRelay relay, RegistrationProperties properties,
                               Municipalities municipalities) {
        this.mongo = mongo;
        this.members = members;
        this.invitations = invitations;
        this.passwordEncoder = passwordEncoder;
        this.relay = relay;
        this.properties = properties;
        this.domainPolicy = new EmailDomainPolicy(properties.allowedEmailDomains());
        this.municipalities = municipalities;
    }

    public record Registered(String memberId, MemberStatus status) {
    }

    public Registered register(RegistrationRequest request) {
        String email = EmailAddresses.normalize(request.email());
        String organizationCode = Strings.blankToNull(request.organizationCode());
        String displayName = request.displayName().trim();
        String organization = request.organization().trim();
        if (organizationCode != null) {
            OrganizationFields.requireValidCode(organizationCode);
        } else {
            // 「久米島町」 or 「沖縄県 久米島町」 names one body: its code is linked, the name kept as entered
            organizationCode = municipalities.uniqueMatch(organization, null).map(Municipality::code).orElse(null);
        }
        boolean invited = !domainPolicy.allows(email);
        String invitationCode = Strings.blankToNull(request.invitationCode());
        if (invited && invitationCode == null) {
            throw ApiProblem.invalid("email", Messages.get("registration.email.not-allowed"));
        }
        if (members.handleTaken(request.handle())) {
            throw handleTaken();
        }
        // Hashed before anything else depends on the address, so that every path costs the same time.
        String passwordHash = passwordEncoder.encode(request.password());
        String memberId = UUID.randomUUID().toString();
        String spentInvitation = invited ? invitations.spend(invitationCode, email, memberId) : null;

        Optional<Member> existing = members.byEmail(email);
        if (existing.isPresent()) {
            tellOwnerSomeoneTried(existing.get());
            return new Registered(memberId, MemberStatus.PENDING_VERIFICATION);
        }

        Instant now = Times.now();
        String token = Secrets.newToken();
        Instant expiresAt = now.plus(properties.verificationLifetime());
        Member member = new Member(memberId, email, request.handle(), displayName, organization, organizationCode,
                organizationCode == null ? null : OrganizationCode.prefectureOf(organizationCode), null, null,
                List.of(), List.of(), MemberStatus.PENDING_VERIFICATION, passwordHash,
                new Verification(Secrets.sha256(token), expiresAt, now), now, null, now, null, null, null, null, List.of(), 0,
                List.of());
        List<PendingEvent> outbox = new ArrayList<>();
        outbox.add(MemberEvents.registered(member));
        outbox.add(MemberEvents.sendVerificationMail(member, token, expiresAt));
        try {
            mongo.insert(withOutbox(member, outbox));
        } catch (DuplicateKeyException e) {
            if (members.handleTaken(request.handle())) {
                // A concurrent request took the handle: this registration did not happen, so the code is given back.
                if (spentInvitation != null) {
                    invitations.release(spentInvitation, memberId);
                }
                throw handleTaken();
            }
            // The address was registered a moment ago by a concurrent request: answered (and the code spent) exactly
            // as for an address registered long ago, so that the race reveals nothing either.
            members.byEmail(email).ifPresent(this::tellOwnerSomeoneTried);
            return new Registered(memberId, MemberStatus.PENDING_VERIFICATION);
        }
        relay.wakeUp();
        return new Registered(memberId, MemberStatus.PENDING_VERIFICATION);
    }

    private void tellOwnerSomeoneTried(Member owner) {
        Instant now = Times.now();
        Query notRecentlyTold = Query.query(Criteria.where("_id").is(owner.id()).orOperator(
                Criteria.where("alreadyRegisteredMailAt").exists(false),
                Criteria.where("alreadyRegisteredMailAt").lt(now.minus(properties.mailInterval()))));
        Update update = Outbox.append(new Update().set("alreadyRegisteredMailAt", now),
                MemberEvents.sendAlreadyRegisteredMail(owner));
        if (mongo.updateFirst(notRecentlyTold, update, Member.class).getModifiedCount() > 0) {
            relay.wakeUp();
        }
    }

    private static Member withOutbox(Member m, List<PendingEvent> outbox) {
        return new Member(m.id(), m.email(), m.handle(), m.displayName(), m.organization(), m.organizationCode(),
                m.prefecture(), m.department(), m.bio(), m.interests(), m.roles(), m.status(), m.passwordHash(),
                m.verification(), m.registeredAt(), m.activatedAt(), m.updatedAt(), m.deactivatedAt(),
                m.firstPostedAt(), m.alreadyRegisteredMailAt(), m.positionSince(), m.pastPositions(), m.version(), outbox);
    }

    private static ApiProblem handleTaken() {
        return ApiProblem.conflict(Messages.get("registration.handle-taken"));
    }
}
