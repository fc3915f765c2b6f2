package jp.kyoso.members.position;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import jp.kyoso.members.directory.Page;
import jp.kyoso.members.member.Member;
import jp.kyoso.members.member.MemberStatus;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.aggregation.AggregationOperation;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

/**
 * "Who handled this at this organization before": the ended positions ({@code pastPositions}) of active members at
 * one organization, newest end first. A former member is not listed: their status excludes them and the erasure
 * removed their positions anyway.
 */
@Component
class PastHolders {
    private static final String PAST = "pastPositions";

    private final MongoTemplate mongo;

    PastHolders(MongoTemplate mongo) {
        this.mongo = mongo;
        var indexes = mongo.indexOps(Member.COLLECTION);
        indexes.createIndex(new Index().on(PAST + ".organizationCode", Sort.Direction.ASC).sparse()
                .named("past_positions_code"));
        indexes.createIndex(new Index().on(PAST + ".organization", Sort.Direction.ASC).sparse()
                .named("past_positions_name"));
    }

    /**
     * @param organizationCode a valid code, or null to match {@code organizationName} exactly
     * @param department       a part of the department's name (case-insensitive, literal), or null
     */
    Page<PastHolder> find(String organizationCode, String organizationName, String department,
                          PastHolderCursor after, int limit) {
        Criteria place = organizationCode != null ? Criteria.where("organizationCode").is(organizationCode)
                : Criteria.where("organization").is(organizationName);
        Criteria endedThere = organizationCode != null
                ? Criteria.where(PAST + ".organizationCode").is(organizationCode)
                : Criteria.where(PAST + ".organization").is(organizationName);
        List<Criteria> unwound = new ArrayList<>();
        unwound.add(endedThere);
        unwound.add(Criteria.where(PAST + ".to").exists(true).ne(null));
        if (department != null) {
            unwound.add(Criteria.where(PAST + ".department").regex(Pattern.compile(literal(department),
                    Pattern.CASE_INSENSITIVE)));
        }
        if (after != null) {
            unwound.add(new Criteria().orOperator(
                    Criteria.where(PAST + ".to").lt(after.to()),
                    new Criteria().andOperator(Criteria.where(PAST + ".to").is(after.to()),
                            Criteria.where("_id").lt(after.memberId())),
                    new Criteria().andOperator(Criteria.where(PAST + ".to").is(after.to()),
                            Criteria.where("_id").is(after.memberId()),
                            Criteria.where(PAST + ".from").lt(after.from()))));
        }
        List<AggregationOperation> stages = List.of(
                Aggregation.match(Criteria.where("status").is(MemberStatus.ACTIVE.name()).and(PAST).elemMatch(place)),
                Aggregation.project("displayName", "handle", "organization", "organizationCode", "department", PAST),
                Aggregation.unwind(PAST),
                Aggregation.match(new Criteria().andOperator(unwound)),
                Aggregation.sort(Sort.by(Sort.Order.desc(PAST + ".to"), Sort.Order.desc("_id"),
                        Sort.Order.desc(PAST + ".from"))),
                Aggregation.limit(limit + 1L));
        List<Document> found = mongo.aggregate(Aggregation.newAggregation(stages), Member.COLLECTION, Document.class)
                .getMappedResults();
        List<PastHolder> items = new ArrayList<>();
        String next = null;
        for (int i = 0; i < Math.min(limit, found.size()); i++) {
            Document row = found.get(i);
            Document position = row.get(PAST, Document.class);
            items.add(new PastHolder(row.getString("_id"), row.getString("displayName"), row.getString("handle"),
                    position.getString("organization"), position.getString("organizationCode"),
                    position.getString("department"), date(position.getString("from")),
                    date(position.getString("to")), new PastHolder.Current(row.getString("organization"),
                    row.getString("organizationCode"), row.getString("department"))));
            if (i == limit - 1 && found.size() > limit) {
                next = new PastHolderCursor(position.getString("to"), row.getString("_id"),
                        position.getString("from")).encode();
            }
        }
        return new Page<>(items, next);
    }

    private static LocalDate date(String value) {
        return value == null ? null : LocalDate.parse(value);
    }

    /** User input matched literally: ASCII punctuation escaped, which Java and MongoDB (PCRE) both read as itself. */
    private static String literal(String text) {
        StringBuilder builder = new StringBuilder(text.length() * 2);
        for (char c : text.toCharArray()) {
            if (c < 128 && !Character.isLetterOrDigit(c) && c != ' ' && c != '_') {
                builder.append('\\');
            }
            builder.append(c);
        }
        return builder.toString();
    }
}
