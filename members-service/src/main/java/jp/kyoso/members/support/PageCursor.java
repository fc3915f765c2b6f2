package jp.kyoso.members.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import jp.kyoso.members.Messages;

/** Where a page sorted by a time and then the id ended: the last item's time and id. Opaque to clients. */
public record PageCursor(Instant at, String id) {

    public String encode() {
        String raw = at.toEpochMilli() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static PageCursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            return new PageCursor(Instant.ofEpochMilli(Long.parseLong(raw.substring(0, colon))),
                    raw.substring(colon + 1));
        } catch (RuntimeException e) {
            throw InputProblems.malformed("cursor", Messages.get("paging.cursor-invalid"));
        }
    }

    /** {@code limit} as the pages take it: default 20, 1 to 100, else 400. */
    public static int pageSize(Integer limit) {
        int size = limit == null ? 20 : limit;
        if (size < 1 || size > 100) {
            throw InputProblems.malformed("limit", Messages.get("paging.limit-out-of-range"));
        }
        return size;
    }
}
