package jp.kyoso.posts.shared;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import jp.kyoso.platform.web.ApiProblem;
import jp.kyoso.posts.Messages;

/**
 * Opaque cursors. Lists in time order use a keyset cursor (the time and id of the last item), so a page does not
 * shift when posts are added meanwhile; search uses an offset, because its order is by score.
 */
public final class Cursors {
    private static final String KEYSET = "k1";
    private static final String OFFSET = "o1";

    private Cursors() {
    }

    public record Keyset(Instant at, String id) {
    }

    public static String keyset(Instant at, String id) {
        return encode(KEYSET + "|" + at.toEpochMilli() + "|" + id);
    }

    public static Keyset parseKeyset(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        String[] parts = decode(cursor).split("\\|", 3);
        if (parts.length != 3 || !KEYSET.equals(parts[0]) || parts[2].isEmpty()) {
            throw invalid();
        }
        try {
            return new Keyset(Instant.ofEpochMilli(Long.parseLong(parts[1])), parts[2]);
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    public static String offset(int offset) {
        return encode(OFFSET + "|" + offset);
    }

    public static int parseOffset(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        String[] parts = decode(cursor).split("\\|", 2);
        if (parts.length != 2 || !OFFSET.equals(parts[0])) {
            throw invalid();
        }
        try {
            int offset = Integer.parseInt(parts[1]);
            if (offset < 0) {
                throw invalid();
            }
            return offset;
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    private static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static ApiProblem invalid() {
        return BadRequest.field("cursor", Messages.get("shared.cursor.invalid"));
    }
}
