package jp.kyoso.notifications.member;

import java.util.List;
import jp.kyoso.notifications.store.Indexes;
import org.bson.Document;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/** The indexes of {@code members} (reads by id, {@code _id $in}, need none). */
@Component
class MemberIndexes implements InitializingBean {
    private final Indexes indexes;

    MemberIndexes(Indexes indexes) {
        this.indexes = indexes;
    }

    @Override
    public void afterPropertiesSet() {
        String members = MemberDirectory.COLLECTION;
        // activeCount() {status: ACTIVE} and forEachActiveChunk() {status: ACTIVE} -> _id: counted and read from the
        // index alone
        indexes.ensure(members, new Document("status", 1).append("_id", 1), Indexes.named("members_status"));
        // moderatorIds(): {roles $in [MODERATOR, ADMIN], status: ACTIVE}; roles first, it is the rare part
        indexes.ensure(members, new Document("roles", 1).append("status", 1), Indexes.named("members_roles"));
        // dueForFirstPostNudge(): {status: ACTIVE, hasPosted != true, nudgedAt absent, nudgeDueAt <= now}, limit;
        // posting and the nudge unset nudgeDueAt, so only members still waiting are in it
        indexes.ensure(members, new Document("nudgeDueAt", 1), Indexes.named("members_nudge_due")
                .partialFilterExpression(new Document("status", Member.ACTIVE)
                        .append("nudgeDueAt", new Document("$exists", true))));
        indexes.dropObsolete(members, List.of("status_1"));
    }
}
