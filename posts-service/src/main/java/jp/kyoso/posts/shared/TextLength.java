package jp.kyoso.posts.shared;

/** Lengths as a person counts them: characters (code points), not UTF-16 units, so an emoji counts once. */
public final class TextLength {
    private TextLength() {
    }

    public static int of(String text) {
        return text == null ? 0 : text.codePointCount(0, text.length());
    }
}
