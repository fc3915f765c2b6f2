package jp.kyoso.members.invitation;

import java.time.Instant;
import java.util.Locale;
import jp.kyoso.members.Messages;
import jp.kyoso.members.member.Members;
import jp.kyoso.members.support.Secrets;
import jp.kyoso.members.support.Times;
import jp.kyoso.platform.web.ApiProblem;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** Creates invitation codes and spends them: single use, expiring, optionally bound to one address. */
@Component
public class Invitations {
    // No 0/O, 1/I/L: codes are read from a mail and typed in by hand.
    private static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private static final int GROUPS = 5;
    private static final int GROUP_LENGTH = 4;

    private final MongoTemplate mongo;
    private final InvitationProperties properties;

    public Invitations(MongoTemplate mongo, InvitationProperties properties) {
        this.mongo = mongo;
        this.properties = properties;
        var indexes = mongo.indexOps(Invitation.COLLECTION);
        // The moderators' list, newest first, keyset on createdAt then _id: the whole sort is in the index. It
        // supersedes "newest_first" (createdAt only), which could not give the _id tie-break's order.
        indexes.createIndex(new Index().on("createdAt", Sort.Direction.DESC).on("_id", Sort.Direction.DESC)
                .named("list_order"));
        Members.dropSuperseded(indexes, "newest_first");
        // a deactivated member's erasure finds the invitation they used; most invitations are unused (sparse)
        indexes.createIndex(new Index().on("usedBy", Sort.Direction.ASC).sparse().named("used_by"));
    }

    public record Created(String invitationCode, Instant expiresAt) {
    }

    public Created create(String email, String note, String createdBy) {
        // 20 characters of a 31-letter alphabet: about 99 bits, too many to guess.
        String raw = Secrets.randomFrom(ALPHABET, GROUPS * GROUP_LENGTH);
        StringBuilder code = new StringBuilder();
        for (int group = 0; group < GROUPS; group++) {
            if (group > 0) {
                code.append('-');
            }
            code.append(raw, group * GROUP_LENGTH, (group + 1) * GROUP_LENGTH);
        }
        Instant now = Times.now();
        Instant expiresAt = now.plus(properties.lifetime());
        mongo.insert(new Invitation(digest(code.toString()), email, note, createdBy, now, expiresAt, null, null, null));
        return new Created(code.toString(), expiresAt);
    }

    /**
     * Marks the code used by {@code memberId}, atomically, so that two registrations racing for one code cannot both
     * win. Returns the code's digest, for {@link #release}.
     */
    public String spend(String code, String email, String memberId) {
        String digest = digest(code);
        Instant now = Times.now();
        Query usable = Query.query(new Criteria().andOperator(
                Criteria.where("_id").is(digest),
                Criteria.where("usedAt").exists(false),
                Criteria.where("revokedAt").exists(false),
                Criteria.where("expiresAt").gt(now),
                new Criteria().orOperator(Criteria.where("email").exists(false), Criteria.where("email").is(null),
                        Criteria.where("email").is(email))));
        Invitation spent = mongo.findAndModify(usable, new Update().set("usedAt", now).set("usedBy", memberId),
                FindAndModifyOptions.options().returnNew(true), Invitation.class);
        if (spent == null) {
            throw ApiProblem.invalid("invitationCode", Messages.get("invitation.code-invalid"));
        }
        return digest;
    }

    /**
     * Withdraws an invitation that has not been used: one conditional update, so a registration spending the code at
     * the same moment either wins (the invitation stays used) or finds it revoked. Revoking again changes nothing.
     *
     * @return false when there is no such invitation
     */
    public boolean revoke(String id) {
        Instant now = Times.now();
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("usedAt").exists(false)
                .and("revokedAt").exists(false)), new Update().set("revokedAt", now), Invitation.class);
        return mongo.exists(Query.query(Criteria.where("_id").is(id)), Invitation.class);
    }

    /** Gives a code back when the registration that spent it did not go through after all. */
    public void release(String digest, String memberId) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(digest).and("usedBy").is(memberId)),
                new Update().unset("usedAt").unset("usedBy"), Invitation.class);
    }

    /** Part of a member's erasure: the address an invitation was bound to is theirs. */
    public void forgetAddressOf(String memberId) {
        mongo.updateMulti(Query.query(Criteria.where("usedBy").is(memberId)), new Update().unset("email").unset("note"),
                Invitation.class);
    }

    /**
     * Withdraws an invitation issued for someone else's purpose (a handover whose leaver has left) and forgets the
     * address it was bound to. A used invitation is left as it is: the address is then its member's, erased with them.
     */
    public void withdraw(String id) {
        revoke(id);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("usedAt").exists(false)),
                new Update().unset("email").unset("note"), Invitation.class);
    }

    /** The id an invitation is stored under: the digest of its code (the code itself is never stored). */
    public static String idOf(String code) {
        return digest(code);
    }

    static String digest(String code) {
        String normalized = code.toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "");
        return Secrets.sha256("invitation:" + normalized);
    }
}
