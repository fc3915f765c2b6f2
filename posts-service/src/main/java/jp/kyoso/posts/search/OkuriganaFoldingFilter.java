package jp.kyoso.posts.search;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Folds okurigana variants of kanji compounds onto one form by dropping their hiragana: 申し込み, 申込み, 申込む and
 * 申込 all become 申込; 手続き = 手続, 取り扱い = 取扱い = 取扱, 受け付け = 受付. Official writing guides allow several
 * spellings of the same word, and staff of different municipalities use different ones.
 *
 * <p>Only tokens that start with a kanji and keep at least two kanji are folded, so that short verbs and adjectives
 * (書く, 美しい) are left alone: dropping their kana would merge unrelated words.
 */
final class OkuriganaFoldingFilter extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    OkuriganaFoldingFilter(TokenStream input) {
        super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        String folded = fold(term.toString());
        if (folded != null) {
            term.setEmpty().append(folded);
        }
        return true;
    }

    /** The folded form, or null when the token is not a kanji compound with okurigana. */
    static String fold(String token) {
        if (token.isEmpty() || !isKanji(token.codePointAt(0))) {
            return null;
        }
        StringBuilder kanji = new StringBuilder(token.length());
        int kanjiCount = 0;
        boolean hasKana = false;
        for (int i = 0; i < token.length(); ) {
            int codePoint = token.codePointAt(i);
            if (isKanji(codePoint)) {
                kanji.appendCodePoint(codePoint);
                kanjiCount++;
            } else if (Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HIRAGANA) {
                hasKana = true;
            } else {
                return null;
            }
            i += Character.charCount(codePoint);
        }
        return hasKana && kanjiCount >= 2 ? kanji.toString() : null;
    }

    private static boolean isKanji(int codePoint) {
        return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
    }
}
