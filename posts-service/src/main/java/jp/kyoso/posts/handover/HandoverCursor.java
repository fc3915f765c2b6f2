package jp.kyoso.posts.handover;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import jp.kyoso.platform.web.ApiProblem;
import jp.kyoso.posts.Messages;
import jp.kyoso.posts.shared.BadRequest;

/**
 * The keyset of the handover page's order: open questions first, then the latest activity, then the post id (both
 * descending). A page never repeats a thread because another one got a reply meanwhile; a thread that moves ahead of
 * the cursor (a new reply) is on an earlier page, as in every list ordered by activity.
 */
record HandoverCursor(boolean open, Instant lastActivityAt, String postId) {
    private static final String VERSION = "h1";

    String encode() {
        String raw = VERSION + "|" + (open ? 1 : 0) + "|" + lastActivityAt.toEpochMilli() + "|" + postId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static HandoverCursor parse(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
                    .split("\\|", 4);
            if (parts.length != 4 || !VERSION.equals(parts[0]) || !parts[1].matches("[01]") || parts[3].isEmpty()) {
                throw invalid();
            }
            return new HandoverCursor("1".equals(parts[1]), Instant.ofEpochMilli(Long.parseLong(parts[2])), parts[3]);
        } catch (IllegalArgumentException e) {
            // not base64, or not a number
            throw invalid();
        }
    }

    private static ApiProblem invalid() {
        return BadRequest.field("cursor", Messages.get("shared.cursor.invalid"));
    }
}
