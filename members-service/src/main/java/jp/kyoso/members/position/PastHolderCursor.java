package jp.kyoso.members.position;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import jp.kyoso.members.Messages;
import jp.kyoso.members.support.InputProblems;

/** Where a page of past holders ended: the sort keys of its last entry (end day, member id, start day). Opaque. */
record PastHolderCursor(String to, String memberId, String from) {

    String encode() {
        String raw = to + "|" + memberId + "|" + from;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static PastHolderCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8)
                    .split("\\|", -1);
            if (parts.length != 3 || !parts[0].matches("\\d{4}-\\d{2}-\\d{2}") || parts[1].isEmpty()
                    || !parts[2].matches("\\d{4}-\\d{2}-\\d{2}")) {
                throw new IllegalArgumentException("not a past-holder cursor");
            }
            return new PastHolderCursor(parts[0], parts[1], parts[2]);
        } catch (RuntimeException e) {
            throw InputProblems.malformed("cursor", Messages.get("paging.cursor-invalid"));
        }
    }
}
