package jp.kyoso.notifications.paging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import jp.kyoso.notifications.Messages;
import jp.kyoso.platform.web.ApiProblem;
import jp.kyoso.platform.web.ProblemTexts;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.http.HttpStatus;

/**
 * Position in a list ordered newest first by (time, id): the next page starts strictly after it, so items written
 * meanwhile neither shift nor repeat entries the way an offset would. Opaque to clients.
 */
public record KeysetCursor(Instant at, String id) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public String encode() {
        String raw = at.toEpochMilli() + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Null for the first page; a cursor that was not made here is a 400, never a 500. */
    public static KeysetCursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            return new KeysetCursor(Instant.ofEpochMilli(Long.parseLong(raw.substring(0, bar))), raw.substring(bar + 1));
        } catch (RuntimeException e) {
            throw invalid("cursor", Messages.get("paging.cursor.invalid"));
        }
    }

    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw invalid("limit", Messages.get("paging.limit.out-of-range"));
        }
        return requested;
    }

    /** Items older than the cursor, in the order of {@link #newestFirst}. */
    public Criteria after(String timeField) {
        return new Criteria().orOperator(Criteria.where(timeField).lt(java.util.Date.from(at)),
                new Criteria().andOperator(Criteria.where(timeField).is(java.util.Date.from(at)),
                        Criteria.where("_id").lt(id)));
    }

    public static Sort newestFirst(String timeField) {
        return Sort.by(Sort.Order.desc(timeField), Sort.Order.desc("_id"));
    }

    private static ApiProblem invalid(String field, String message) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, ProblemTexts.title(HttpStatus.BAD_REQUEST), message,
                List.of(new ApiProblem.FieldProblem(field, message)));
    }
}
