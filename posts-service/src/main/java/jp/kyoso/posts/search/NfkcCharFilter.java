package jp.kyoso.posts.search;

import java.io.IOException;
import java.io.Reader;
import java.text.Normalizer;
import org.apache.lucene.analysis.charfilter.BaseCharFilter;

/**
 * Unicode NFKC before tokenizing, so that full-width and half-width forms are one (ＤＸ = DX, ｻｰﾊﾞｰ = サーバー,
 * ① = 1) while offsets still point into the original text (the highlighter marks the text as it was written).
 *
 * <p>The input is normalized segment by segment, a segment being one character with the marks that combine with it
 * (including the half-width voiced marks ﾞ and ﾟ, which NFKC composes with the preceding kana), so each segment's
 * change of length can be recorded as an offset correction. Corrected offsets never decrease and stay inside the input,
 * also where NFKC makes a segment longer. Posts are at most 20,000 characters, so reading the whole input at once is
 * fine.
 */
final class NfkcCharFilter extends BaseCharFilter {
    private String normalized;
    private int position;

    NfkcCharFilter(Reader input) {
        super(input);
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (normalized == null) {
            normalized = normalize(readAll());
        }
        if (position >= normalized.length()) {
            return -1;
        }
        int count = Math.min(length, normalized.length() - position);
        normalized.getChars(position, position + count, buffer, offset);
        position += count;
        return count;
    }

    private String readAll() throws IOException {
        StringBuilder text = new StringBuilder();
        char[] chunk = new char[4096];
        int read;
        while ((read = input.read(chunk)) != -1) {
            text.append(chunk, 0, read);
        }
        return text.toString();
    }

    private String normalize(String text) {
        if (Normalizer.isNormalized(text, Normalizer.Form.NFKC)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int cumulativeDiff = 0;
        int start = 0;
        while (start < text.length()) {
            int end = segmentEnd(text, start);
            String segment = text.substring(start, end);
            String normalizedSegment = Normalizer.normalize(segment, Normalizer.Form.NFKC);
            int outStart = out.length();
            out.append(normalizedSegment);
            int diff = segment.length() - normalizedSegment.length();
            if (diff > 0) {
                // shorter (ｶﾞ → ガ): the end of the output segment is the end of the input segment
                cumulativeDiff += diff;
                addOffCorrectMap(out.length(), cumulativeDiff);
            } else if (diff < 0) {
                // longer (㍿ → 株式会社): each extra character maps to the end of the input segment, so offsets
                // never go backwards (the index stores them, and Lucene refuses offsets that do)
                for (int extra = 1; extra <= -diff; extra++) {
                    addOffCorrectMap(outStart + segment.length() + extra, cumulativeDiff - extra);
                }
                cumulativeDiff += diff;
            }
            start = end;
        }
        return out.toString();
    }

    private static int segmentEnd(String text, int start) {
        int end = start + Character.charCount(text.codePointAt(start));
        while (end < text.length()) {
            int next = text.codePointAt(end);
            if (!combinesWithPrevious(next)) {
                break;
            }
            end += Character.charCount(next);
        }
        return end;
    }

    private static boolean combinesWithPrevious(int codePoint) {
        if (codePoint == 0xFF9E || codePoint == 0xFF9F || codePoint == 0x3099 || codePoint == 0x309A) {
            return true;
        }
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        normalized = null;
        position = 0;
    }
}
