package jp.kyoso.posts.shared;

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
            String message = "limit は 1 から 100 までです / limit must be between 1 and 100";
            throw BadRequest.field("limit", message);
        }
        return requested;
    }
}
