package jp.kyoso.members.directory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import jp.kyoso.members.Messages;
import jp.kyoso.members.support.InputProblems;

/** Where a page of the directory ended: the last member's activation time and id (the sort keys). Opaque to clients. */
record DirectoryCursor(Instant activatedAt, String id) {

    String encode() {
        String raw = activatedAt.toEpochMilli() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static DirectoryCursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            return new DirectoryCursor(Instant.ofEpochMilli(Long.parseLong(raw.substring(0, colon))),
                    raw.substring(colon + 1));
        } catch (RuntimeException e) {
            throw InputProblems.malformed("cursor", Messages.get("paging.cursor-invalid"));
        }
    }
}
