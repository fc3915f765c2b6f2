package jp.kyoso.members.directory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import jp.kyoso.members.Messages;
import jp.kyoso.members.support.InputProblems;

/**
 * Where a page of members near a municipality ended: the last member's organization code (which stands for its
 * distance), activation time and id. Opaque to clients; its own prefix, so that a cursor of the plain directory is
 * refused here (and the other way round) instead of being misread.
 */
record NearCursor(String organizationCode, Instant activatedAt, String id) {
    private static final String PREFIX = "near:";

    String encode() {
        String raw = PREFIX + organizationCode + ":" + activatedAt.toEpochMilli() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static NearCursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!raw.startsWith(PREFIX)) {
                throw new IllegalArgumentException("not a near cursor");
            }
            String[] parts = raw.substring(PREFIX.length()).split(":", 3);
            return new NearCursor(parts[0], Instant.ofEpochMilli(Long.parseLong(parts[1])), parts[2]);
        } catch (RuntimeException e) {
            throw InputProblems.malformed("cursor", Messages.get("paging.cursor-invalid"));
        }
    }
}
