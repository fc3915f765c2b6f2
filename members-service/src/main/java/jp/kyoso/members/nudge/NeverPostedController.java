package jp.kyoso.members.nudge;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jp.kyoso.members.directory.Page;
import jp.kyoso.members.member.Member;
import jp.kyoso.members.member.MemberStatus;
import jp.kyoso.members.support.PageCursor;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The members a community manager may want to nudge: verified, still active, and without any post or reply yet
 * ({@code firstPostedAt}, the same mark the directory's {@code neverPosted} filter uses), those waiting longest first.
 */
@RestController
@Tag(name = "members", description = "プロフィールと名簿 / Profiles and directory")
class NeverPostedController {
    private final MongoTemplate mongo;

    NeverPostedController(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    record NeverPostedMember(String memberId, String displayName, String handle, String organization,
                             String prefecture, Instant registeredAt, boolean attendedSession, Instant lastNudgedAt) {
    }

    /** The fields of a member document this list shows. */
    record Row(@Id String id, String displayName, String handle, String organization, String prefecture,
               Instant registeredAt, Funnel funnel, Instant lastNudgedAt) {
        record Funnel(Boolean attendedSession) {
        }

        NeverPostedMember view() {
            return new NeverPostedMember(id, displayName, handle, organization, prefecture, registeredAt,
                    funnel != null && Boolean.TRUE.equals(funnel.attendedSession()), lastNudgedAt);
        }
    }

    @GetMapping("/api/members/never-posted")
    @Operation(operationId = "listNeverPostedMembers",
            summary = "まだ投稿していないメンバー（登録の古い順、モデレーター） / Members who have never posted, oldest "
                    + "registration first (moderators)")
    @PreAuthorize("hasAnyRole('MODERATOR', 'ADMIN')")
    Page<NeverPostedMember> list(@RequestParam(required = false) Integer limit,
                                 @RequestParam(required = false) String cursor) {
        int pageSize = PageCursor.pageSize(limit);
        // firstPostedAt null (never set) rather than $exists: false: an equality on never_posted_order's second key,
        // so that the index also gives the registeredAt, _id order and a page stops after its rows
        List<Criteria> conditions = new ArrayList<>(List.of(Criteria.where("status").is(MemberStatus.ACTIVE),
                Criteria.where("firstPostedAt").is(null)));
        if (cursor != null && !cursor.isBlank()) {
            PageCursor after = PageCursor.decode(cursor);
            conditions.add(new Criteria().orOperator(Criteria.where("registeredAt").gt(after.at()),
                    new Criteria().andOperator(Criteria.where("registeredAt").is(after.at()),
                            Criteria.where("_id").gt(after.id()))));
        }
        Query query = Query.query(new Criteria().andOperator(conditions))
                .with(Sort.by(Sort.Order.asc("registeredAt"), Sort.Order.asc("_id"))).limit(pageSize + 1);
        query.fields().include("displayName", "handle", "organization", "prefecture", "registeredAt",
                "funnel.attendedSession", "lastNudgedAt");
        List<Row> found = mongo.find(query, Row.class, Member.COLLECTION);
        boolean more = found.size() > pageSize;
        List<Row> page = more ? found.subList(0, pageSize) : found;
        String next = more ? new PageCursor(page.get(page.size() - 1).registeredAt(),
                page.get(page.size() - 1).id()).encode() : null;
        return new Page<>(page.stream().map(Row::view).toList(), next);
    }
}
