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
 */
final class Snippets {
    static final int FRAGMENT_CHARS = 100;
    private static final String OPEN = "<mark>";
    private static final String CLOSE = "</mark>";

    private final Analyzer morphological;
    private final Analyzer bigram;

    Snippets(Analyzer morphological, Analyzer bigram) {
        this.morphological = morphological;
        this.bigram = bigram;
    }

    String snippet(Query query, String text) {
        String flat = text == null ? "" : text.replace('\n', ' ').replace('\r', ' ');
        String marked = best(query, SearchFields.BODY_WORDS, morphological, flat);
        if (marked == null) {
            marked = best(query, SearchFields.BODY_BIGRAM, bigram, flat);
        }
        if (marked == null) {
            String start = flat.length() > FRAGMENT_CHARS ? flat.substring(0, FRAGMENT_CHARS) + "…" : flat;
            return new SimpleHTMLEncoder().encodeText(start);
        }
        // a match of several words (住民 + 異動 + 届) reads as one mark
        return marked.replace(CLOSE + OPEN, "").strip();
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
