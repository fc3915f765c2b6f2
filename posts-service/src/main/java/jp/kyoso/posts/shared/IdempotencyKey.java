package jp.kyoso.posts.shared;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;
import jp.kyoso.platform.web.ApiProblem;
import jp.kyoso.posts.Messages;

/**
 * The client's {@code Idempotency-Key} of a create request (one per draft). It names the id of what is created, so a
 * retry inserts the same id again and the unique {@code _id} refuses it: no transactions and no key store are needed,
 * and the key holds as long as what it created exists (so at least the 24 hours clients count on).
 */
public record IdempotencyKey(String value) {
    public static final String HEADER = "Idempotency-Key";
    public static final String DESCRIPTION = "任意。下書きごとの一意なキー (英数字と . _ : - の 1〜200 文字)。同じメンバーが同じキーで"
            + "再送すると、最初の結果 (201) を返し二重に作りません。別の内容に使うと 409 / Optional. One key per draft "
            + "(1 to 200 characters of A-Z a-z 0-9 . _ : -). A retry by the same member with the same key answers the "
            + "first result (201) and creates nothing; the same key with a different request is 409";
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9._:-]{1,200}");

    /** The key of a request; null when the header is absent (then every request creates). */
    public static IdempotencyKey of(String header) {
        if (header == null) {
            return null;
        }
        if (!FORMAT.matcher(header).matches()) {
            throw BadRequest.field(HEADER, Messages.get("shared.idempotency-key.invalid"));
        }
        return new IdempotencyKey(header);
    }

    /**
     * The id of what this request creates, the same for every retry of it. {@code scope} says what is created and
     * where, and the member is part of it: the same key from another member is another request.
     */
    public String idFor(String scope, String memberId) {
        return UUID.nameUUIDFromBytes((scope + ":" + memberId + ":" + value).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** The key was first used for a request with other content: its result is not this request's. */
    public static ApiProblem usedForAnotherRequest() {
        return ApiProblem.conflict(Messages.get("shared.idempotency-key.used-for-another-request"));
    }
}
