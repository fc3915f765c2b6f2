package jp.kyoso.members.member;

import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
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
        indexes.createIndex(new Index().on("status", Sort.Direction.ASC).on("activatedAt", Sort.Direction.DESC)
                .named("directory_order"));
        // the activation funnel reads the members of a registration period
        indexes.createIndex(new Index().on("registeredAt", Sort.Direction.ASC).named("registration_order"));
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
