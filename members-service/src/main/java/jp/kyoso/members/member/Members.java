package jp.kyoso.members.member;

import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Reads of the member documents and their indexes; each feature writes its own targeted updates. */
@Component
public class Members {
    private final MongoTemplate mongo;

    public Members(MongoTemplate mongo) {
        this.mongo = mongo;
        var indexes = mongo.indexOps(Member.COLLECTION);
        // Sparse: a deactivated member's email is removed, and many tombstones must not collide on "no email".
        indexes.createIndex(new Index().on("email", Sort.Direction.ASC).unique().sparse().named("email_unique"));
        indexes.createIndex(new Index().on("handle", Sort.Direction.ASC).unique().named("handle_unique"));
        indexes.createIndex(new Index().on("verification.tokenHash", Sort.Direction.ASC).sparse()
                .named("verification_token"));
        // The directory's pages (ACTIVE, newest first, keyset on activatedAt then _id): equality, then the whole sort,
        // so that a page reads its own entries and not every active member. It supersedes "directory_order" (status,
        // activatedAt), whose sort lacked the _id tie-break and so could not be used for the page order.
        indexes.createIndex(new Index().on("status", Sort.Direction.ASC).on("activatedAt", Sort.Direction.DESC)
                .on("_id", Sort.Direction.DESC).named("directory_page"));
        dropSuperseded(indexes, "directory_order");
        // Members of some towns (peer towns, members near a town, the directory's kind of organization), newest first;
        // also the members without a code yet (organizationCode null, for the backfill and the "unknown" filter).
        indexes.createIndex(new Index().on("status", Sort.Direction.ASC).on("organizationCode", Sort.Direction.ASC)
                .on("activatedAt", Sort.Direction.DESC).on("_id", Sort.Direction.DESC).named("active_by_town"));
        // the activation funnel reads the members of a registration period
        indexes.createIndex(new Index().on("registeredAt", Sort.Direction.ASC).named("registration_order"));
        // Members who never posted, oldest registration first (nudge feature): firstPostedAt missing is indexed as
        // null, so {firstPostedAt: null} is an equality on it; a partial index cannot say "field missing".
        indexes.createIndex(new Index().on("status", Sort.Direction.ASC).on("firstPostedAt", Sort.Direction.ASC)
                .on("registeredAt", Sort.Direction.ASC).on("_id", Sort.Direction.ASC).named("never_posted_order"));
        // "is there another active admin" before an admin's role is taken away (role feature)
        indexes.createIndex(new Index().on("roles", Sort.Direction.ASC).on("status", Sort.Direction.ASC)
                .named("roles_status"));
    }

    /** Removes an index that a wider one replaced; absent already (a new database) is fine. */
    public static void dropSuperseded(IndexOperations indexes, String name) {
        try {
            if (indexes.getIndexInfo().stream().anyMatch(info -> name.equals(info.getName()))) {
                indexes.dropIndex(name);
            }
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(Members.class).warn("Could not drop the superseded index {}: {}", name,
                    e.getMessage());
        }
    }

    public Optional<Member> byId(String id) {
        return Optional.ofNullable(mongo.findById(id, Member.class));
    }

    public Optional<Member> byEmail(String normalizedEmail) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("email").is(normalizedEmail)),
                Member.class));
    }

    public boolean handleTaken(String handle) {
        return mongo.exists(Query.query(Criteria.where("handle").is(handle)), Member.class);
    }
}
