package jp.kyoso.posts.search;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.function.FunctionScoreQuery;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * The query of "asked before?" (似た投稿): what a member is typing in the composer, as a more-like-this query over the
 * index and its Japanese analysis. Unlike a search, nobody chose the words: every word of the text may match, and
 * the rare ones weigh most.
 *
 * <ol>
 *   <li><b>Words</b> come from the morphological analysis the index uses (base forms, particles and auxiliaries
 *   dropped by part of speech, Japanese stop words, okurigana and katakana long vowels folded), so 書かせない and
 *   書かない both give 書く, and the particles of a long body never become query terms.</li>
 *   <li><b>Which words</b>: Lucene's MoreLikeThis scores each word by its frequency in the typed text times its
 *   rarity in the index (tf × idf; minTermFreq 1 and minDocFreq 1, since a composer's text is short and every word
 *   found in at least one post counts) and keeps the best {@value #MAX_QUERY_TERMS}, from the typed title and body
 *   together. Each kept word is boosted by its score relative to the best word's.</li>
 *   <li><b>Where</b>: those words are looked up in the titles of posts (weight {@value #TITLE_WEIGHT}) and in their
 *   bodies (weight {@value #BODY_WEIGHT}); a post matching in both gets both. Only posts are matched, never replies,
 *   so there is one entry per post.</li>
 *   <li><b>Solved first</b>: the score of a solved question is multiplied by {@value #SOLVED_FACTOR}. Of two posts
 *   about equally like the text the solved one comes first, and a solved one can pass an unsolved one that is up to
 *   a third more alike, never one that is clearly more alike.</li>
 * </ol>
 */
final class SimilarityQuery {
    /** At most this much of the typed title and body is used (the title first): enough to say what it is about. */
    static final int MAX_TEXT_CHARS = 2000;
    /** Less typed text than this (title and body together) asks nothing. */
    static final int MIN_TEXT_CHARS = 2;
    static final int MAX_QUERY_TERMS = 25;
    static final float TITLE_WEIGHT = 2f;
    static final float BODY_WEIGHT = 1f;
    static final float SOLVED_FACTOR = 1.5f;

    private SimilarityQuery() {
    }

    /** The typed text as it is used: stripped, the title first and the body filling up to MAX_TEXT_CHARS. */
    record Text(String title, String body) {
        static Optional<Text> of(String title, String body) {
            String t = cut(title == null ? "" : title.strip(), MAX_TEXT_CHARS);
            String b = cut(body == null ? "" : body.strip(), MAX_TEXT_CHARS - t.length());
            if ((t + b).codePointCount(0, t.length() + b.length()) < MIN_TEXT_CHARS) {
                return Optional.empty();
            }
            return Optional.of(new Text(t, b));
        }

        /**
         * The title and the body. (Reading the typed title twice, so that its words count double, found no more on
         * the evaluation set and ranked a little worse.)
         */
        Reader[] readers() {
            return new Reader[] {new StringReader(title), new StringReader(body)};
        }

        private static String cut(String text, int max) {
            if (text.length() <= max) {
                return text;
            }
            // never cut a surrogate pair (a rare kanji or an emoji) in two
            int end = Character.isLowSurrogate(text.charAt(max)) ? max - 1 : max;
            return text.substring(0, Math.max(0, end));
        }
    }

    /**
     * @param excludePostId a post never matched (the one being edited), or null
     * @return empty when no word of the text is in any post (nothing can be alike)
     */
    static Optional<Query> build(IndexReader reader, Analyzer morphological, Text text, String excludePostId)
            throws IOException {
        MoreLikeThis mlt = new MoreLikeThis(reader);
        mlt.setAnalyzer(morphological);
        mlt.setMinTermFreq(1);
        mlt.setMinDocFreq(1);
        mlt.setMaxQueryTerms(MAX_QUERY_TERMS);
        mlt.setBoost(true);
        BooleanQuery.Builder anyField = new BooleanQuery.Builder();
        int fields = add(anyField, mlt.like(SearchFields.TITLE_WORDS, text.readers()), TITLE_WEIGHT)
                + add(anyField, mlt.like(SearchFields.BODY_WORDS, text.readers()), BODY_WEIGHT);
        if (fields == 0) {
            return Optional.empty();
        }
        BooleanQuery.Builder posts = new BooleanQuery.Builder().add(anyField.build(), Occur.MUST)
                .add(new TermQuery(new Term(SearchFields.ROLE, SearchFields.ROLE_POST)), Occur.FILTER);
        if (excludePostId != null) {
            posts.add(new TermQuery(new Term(SearchFields.POST_ID, excludePostId)), Occur.MUST_NOT);
        }
        return Optional.of(FunctionScoreQuery.boostByQuery(posts.build(),
                new TermQuery(new Term(SearchFields.SOLVED, "true")), SOLVED_FACTOR));
    }

    private static int add(BooleanQuery.Builder builder, Query words, float weight) {
        if (words instanceof BooleanQuery bool && bool.clauses().isEmpty()) {
            return 0;
        }
        builder.add(new BoostQuery(words, weight), Occur.SHOULD);
        return 1;
    }
}
