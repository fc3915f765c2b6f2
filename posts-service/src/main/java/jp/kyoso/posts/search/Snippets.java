package jp.kyoso.posts.search;

import java.io.IOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.InvalidTokenOffsetsException;
import org.apache.lucene.search.highlight.QueryScorer;
import org.apache.lucene.search.highlight.SimpleHTMLEncoder;
import org.apache.lucene.search.highlight.SimpleHTMLFormatter;
import org.apache.lucene.search.highlight.SimpleSpanFragmenter;

/**
 * The part of a text that best shows why it matched, with each match in {@code <mark>…</mark>} and the rest
 * HTML-escaped (a client can render it as HTML as it is). The word match is preferred; the substring match is the
 * fallback, and the beginning of the text when the match was only in the title.
 *
 * <p>Only a window of {@value #WINDOW_CHARS} characters around the first match (known from the index) is analysed
 * again, never the whole body: a search with 100 hits on bodies of 20,000 characters would otherwise tokenize two
 * million characters twice.
 */
final class Snippets {
    static final int FRAGMENT_CHARS = 100;
    /** Characters kept before the first match, so the fragment can start a little before it. */
    static final int CONTEXT_BEFORE = 40;
    static final int WINDOW_CHARS = 2 * FRAGMENT_CHARS;
    private static final String OPEN = "<mark>";
    private static final String CLOSE = "</mark>";

    private final Analyzer morphological;
    private final Analyzer bigram;

    Snippets(Analyzer morphological, Analyzer bigram) {
        this.morphological = morphological;
        this.bigram = bigram;
    }

    /**
     * @param firstMatch the character offset of the first match in the text, or -1 when the text did not match (the
     *                   window is then the beginning of the text)
     */
    String snippet(Query query, String text, int firstMatch) {
        String flat = text == null ? "" : text.replace('\n', ' ').replace('\r', ' ');
        String window = window(flat, firstMatch);
        String marked = best(query, SearchFields.BODY_WORDS, morphological, window);
        if (marked == null) {
            marked = best(query, SearchFields.BODY_BIGRAM, bigram, window);
        }
        if (marked == null) {
            String start = flat.length() > FRAGMENT_CHARS
                    ? flat.substring(0, safeEnd(flat, FRAGMENT_CHARS)) + "…" : flat;
            return new SimpleHTMLEncoder().encodeText(start);
        }
        // a match of several words (住民 + 異動 + 届) reads as one mark
        return marked.replace(CLOSE + OPEN, "").strip();
    }

    static String window(String text, int firstMatch) {
        if (text.length() <= WINDOW_CHARS) {
            return text;
        }
        int start = Math.max(0, Math.min(firstMatch, text.length()) - CONTEXT_BEFORE);
        int end = Math.min(text.length(), start + WINDOW_CHARS);
        start = Math.max(0, end - WINDOW_CHARS);
        if (start > 0 && Character.isLowSurrogate(text.charAt(start))) {
            start++;
        }
        return text.substring(start, safeEnd(text, end));
    }

    /** Never cuts a surrogate pair (an emoji or a rare kanji) in two. */
    private static int safeEnd(String text, int end) {
        return end < text.length() && Character.isLowSurrogate(text.charAt(end)) ? end - 1 : end;
    }

    private static String best(Query query, String field, Analyzer analyzer, String text) {
        QueryScorer scorer = new QueryScorer(query, field);
        Highlighter highlighter = new Highlighter(new SimpleHTMLFormatter(OPEN, CLOSE), new SimpleHTMLEncoder(),
                scorer);
        highlighter.setTextFragmenter(new SimpleSpanFragmenter(scorer, FRAGMENT_CHARS));
        try (TokenStream tokens = analyzer.tokenStream(field, text)) {
            String fragment = highlighter.getBestFragment(tokens, text);
            return fragment != null && fragment.contains(OPEN) ? fragment : null;
        } catch (IOException | InvalidTokenOffsetsException e) {
            return null;
        }
    }
}
