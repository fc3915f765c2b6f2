package jp.kyoso.posts.reaction;

/**
 * Whether a string is exactly one emoji as people see it (one grapheme), after UTS #51: a pictograph with an optional
 * presentation selector and skin tone, a ZWJ sequence of those (👩‍💻, 👨‍👩‍👧), a flag (two regional indicators,
 * 🇯🇵), a keycap (1️⃣) or a tag sequence (🏴󠁧󠁢󠁳󠁣󠁴󠁿). Text ("abc"), two emoji ("👍👍") and stray modifiers are not.
 *
 * <p>Java 17 has no emoji property, so the pictographic ranges are listed here (Extended_Pictographic, less what
 * is not an emoji in practice).
 */
public final class Emoji {
    static final int MAX_LENGTH = 64;
    private static final int ZWJ = 0x200D;
    private static final int VS15 = 0xFE0E;
    private static final int VS16 = 0xFE0F;
    private static final int KEYCAP = 0x20E3;
    private static final int BLACK_FLAG = 0x1F3F4;
    private static final int CANCEL_TAG = 0xE007F;

    private Emoji() {
    }

    /**
     * The form a reaction is stored and counted under: without the emoji presentation selector U+FE0F, which some
     * keyboards add and others do not (❤️ and ❤ are one reaction).
     */
    public static String key(String emoji) {
        return emoji.replace(String.valueOf((char) VS16), "");
    }

    public static boolean isSingle(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return false;
        }
        int[] cps = text.codePoints().toArray();
        if (cps.length == 2 && isRegionalIndicator(cps[0]) && isRegionalIndicator(cps[1])) {
            return true;
        }
        if (isKeycapBase(cps[0])) {
            return cps.length == 2 && cps[1] == KEYCAP || cps.length == 3 && cps[1] == VS16 && cps[2] == KEYCAP;
        }
        if (cps[0] == BLACK_FLAG && cps.length > 2 && isTag(cps[1])) {
            for (int i = 1; i < cps.length - 1; i++) {
                if (!isTag(cps[i])) {
                    return false;
                }
            }
            return cps[cps.length - 1] == CANCEL_TAG;
        }
        int i = element(cps, 0);
        while (i > 0 && i < cps.length) {
            if (cps[i] != ZWJ) {
                return false;
            }
            i = element(cps, i + 1);
        }
        return i == cps.length;
    }

    /** Parses one pictograph with its optional selector and skin tone; returns the index after it, or -1. */
    private static int element(int[] cps, int start) {
        if (start >= cps.length || !isPictographic(cps[start])) {
            return -1;
        }
        int i = start + 1;
        if (i < cps.length && (cps[i] == VS16 || cps[i] == VS15)) {
            i++;
        }
        if (i < cps.length && isSkinTone(cps[i])) {
            i++;
        }
        if (i < cps.length && cps[i] == VS16) {
            i++;
        }
        return i;
    }

    private static boolean isRegionalIndicator(int cp) {
        return cp >= 0x1F1E6 && cp <= 0x1F1FF;
    }

    private static boolean isKeycapBase(int cp) {
        return (cp >= '0' && cp <= '9') || cp == '#' || cp == '*';
    }

    private static boolean isTag(int cp) {
        return cp >= 0xE0020 && cp <= 0xE007E;
    }

    private static boolean isSkinTone(int cp) {
        return cp >= 0x1F3FB && cp <= 0x1F3FF;
    }

    static boolean isPictographic(int cp) {
        if (isRegionalIndicator(cp) || isSkinTone(cp)) {
            return false;
        }
        return cp == 0x00A9 || cp == 0x00AE || cp == 0x203C || cp == 0x2049 || cp == 0x2122 || cp == 0x2139
                || (cp >= 0x2194 && cp <= 0x2199) || cp == 0x21A9 || cp == 0x21AA || cp == 0x231A || cp == 0x231B
                || cp == 0x2328 || cp == 0x23CF || (cp >= 0x23E9 && cp <= 0x23F3) || (cp >= 0x23F8 && cp <= 0x23FA)
                || cp == 0x24C2 || cp == 0x25AA || cp == 0x25AB || cp == 0x25B6 || cp == 0x25C0
                || (cp >= 0x25FB && cp <= 0x25FE) || (cp >= 0x2600 && cp <= 0x27BF) || cp == 0x2934 || cp == 0x2935
                || (cp >= 0x2B05 && cp <= 0x2B07) || cp == 0x2B1B || cp == 0x2B1C || cp == 0x2B50 || cp == 0x2B55
                || cp == 0x3030 || cp == 0x303D || cp == 0x3297 || cp == 0x3299
                || (cp >= 0x1F000 && cp <= 0x1F0FF) || (cp >= 0x1F10D && cp <= 0x1F10F) || cp == 0x1F12F
                || (cp >= 0x1F16C && cp <= 0x1F171) || cp == 0x1F17E || cp == 0x1F17F || cp == 0x1F18E
                || (cp >= 0x1F191 && cp <= 0x1F19A) || (cp >= 0x1F1AD && cp <= 0x1F1E5)
                || (cp >= 0x1F201 && cp <= 0x1F20F) || cp == 0x1F21A || cp == 0x1F22F
                || (cp >= 0x1F232 && cp <= 0x1F23A) || (cp >= 0x1F23C && cp <= 0x1F23F)
                || (cp >= 0x1F249 && cp <= 0x1F3FA) || (cp >= 0x1F400 && cp <= 0x1F53D)
                || (cp >= 0x1F546 && cp <= 0x1F64F) || (cp >= 0x1F680 && cp <= 0x1F6FF)
                || (cp >= 0x1F774 && cp <= 0x1F77F) || (cp >= 0x1F7D5 && cp <= 0x1F7FF)
                || (cp >= 0x1F80C && cp <= 0x1F80F) || (cp >= 0x1F848 && cp <= 0x1F84F)
                || (cp >= 0x1F85A && cp <= 0x1F85F) || (cp >= 0x1F888 && cp <= 0x1F88F)
                || (cp >= 0x1F8AE && cp <= 0x1F8FF) || (cp >= 0x1F90C && cp <= 0x1F93A)
                || (cp >= 0x1F93C && cp <= 0x1F945) || (cp >= 0x1F947 && cp <= 0x1FAFF)
                || (cp >= 0x1FC00 && cp <= 0x1FFFD);
    }
}
