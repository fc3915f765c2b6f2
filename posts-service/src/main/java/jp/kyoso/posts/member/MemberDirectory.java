package jp.kyoso.posts.member;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.kyoso.platform.security.CurrentMember;
import jp.kyoso.platform.web.ApiProblem;
import jp.kyoso.posts.Messages;
import jp.kyoso.posts.shared.Times;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/** Reads the member projection: who an author is, and which member a handle names. */
@Service
public class MemberDirectory {
    private final MongoTemplate mongo;

    public MemberDirectory(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * The snapshot to store with a new post or reply. A member whose events have not arrived yet (they registered a
     * moment ago) is taken from the access token, which members-service signed; the projection remembers their handle
     * so that they can be mentioned, until the real events overwrite it.
     */
    public Author authorFor(CurrentMember member) {
        return atPosting(member).author();
    }

    /**
     * The snapshot to store with a new post or reply (see {@link #authorFor}) and the organization code to stamp
     * beside it: the one the projection knows now (none for a member it does not know yet).
     */
    public AuthorAtPosting atPosting(CurrentMember member) {
        MemberRecord known = mongo.findById(member.id(), MemberRecord.class);
        if (known != null && known.deactivated()) {
            throw formerMember();
        }
        if (known != null && known.displayName() != null) {
            return new AuthorAtPosting(new Author(member.id(), known.displayName(), known.organization(), false),
                    known.organizationCode());
        }
        String displayName = member.displayName() != null ? member.displayName() : member.handle();
        if (known == null && member.handle() != null) {
            rememberFromToken(member, displayName);
        }
        return new AuthorAtPosting(new Author(member.id(), displayName, known == null ? null : known.organization(),
                false), known == null ? null : known.organizationCode());
    }

    /**
     * The author of a post or reply brought in from another platform ({@code imports}), as the projection knows them
     * now; null for a member it does not know. A member who has left since is stored as a former member.
     */
    public AuthorAtPosting importedAuthor(String memberId) {
        MemberRecord known = mongo.findById(memberId, MemberRecord.class);
        if (known == null || known.displayName() == null && !known.deactivated()) {
            return null;
        }
        if (known.deactivated()) {
            return new AuthorAtPosting(Author.formerMember(memberId), null);
        }
        return new AuthorAtPosting(new Author(memberId, known.displayName(), known.organization(), false),
                known.organizationCode());
    }

    /**
     * Every write checks this: a member who left may still hold an access token that is valid for a few minutes, but
     * can no longer post, reply, react, report, edit, delete or moderate.
     */
    public void requireActive(CurrentMember member) {
        MemberRecord known = mongo.findById(member.id(), MemberRecord.class);
        if (known != null && known.deactivated()) {
            throw formerMember();
        }
    }

    /** A stored author snapshot as the projection shows the member now (renamed, or left and erased). */
    public Author current(Author stored) {
        MemberRecord known = mongo.findById(stored.memberId(), MemberRecord.class);
        if (known == null) {
            return stored;
        }
        if (known.deactivated()) {
            return Author.formerMember(stored.memberId());
        }
        return known.displayName() == null ? stored
                : new Author(stored.memberId(), known.displayName(), known.organization(), false);
    }

    private static ApiProblem formerMember() {
        return ApiProblem.forbidden(Messages.get("member.former.cannot-act"));
    }

    private void rememberFromToken(CurrentMember member, String displayName) {
        Instant now = Times.now();
        try {
            mongo.upsert(Query.query(Criteria.where("_id").is(member.id())), new Update()
                    .setOnInsert("handle", member.handle().toLowerCase(java.util.Locale.ROOT))
                    .setOnInsert("displayName", displayName)
                    .setOnInsert("active", true).setOnInsert("deactivated", false)
                    .setOnInsert("updatedAt", now), MemberRecord.class);
        } catch (DuplicateKeyException raced) {
            // the members event arrived at the same moment; it wins
        }
    }

    /** What the projection knows of these members, by id (a member it does not know is absent). */
    public Map<String, MemberRecord> byIds(Collection<String> memberIds) {
        if (memberIds.isEmpty()) {
            return Map.of();
        }
        List<MemberRecord> found = mongo.find(Query.query(Criteria.where("_id").in(memberIds)), MemberRecord.class);
        return found.stream().collect(Collectors.toMap(MemberRecord::id, Function.identity(), (a, b) -> a));
    }

    /** The active members with these handles, by handle. Unknown handles are simply absent. */
    public Map<String, MemberRecord> activeByHandle(Collection<String> handles) {
        if (handles.isEmpty()) {
            return Map.of();
        }
        List<MemberRecord> found = mongo.find(Query.query(Criteria.where("handle").in(handles)
                .and("active").is(true).and("deactivated").is(false)), MemberRecord.class);
        return found.stream().collect(Collectors.toMap(MemberRecord::handle, Function.identity(), (a, b) -> a));
    }
}
