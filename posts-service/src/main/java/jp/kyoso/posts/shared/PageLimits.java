package jp.kyoso.posts.shared;

import jp.kyoso.posts.Messages;

/** The {@code limit} of every list: 20 unless asked, at most 100. */
public final class PageLimits {
    public static final int DEFAULT = 20;
    public static final int MAX = 100;

    private PageLimits() {
    }

    public static int of(Integer requested) {
        if (requested == null) {
            return DEFAULT;
        }
        if (requested < 1 || requested > MAX) {
            throw BadRequest.field("limit", Messages.get("shared.limit.out-of-range"));
        }
        return requested;
    }
}
