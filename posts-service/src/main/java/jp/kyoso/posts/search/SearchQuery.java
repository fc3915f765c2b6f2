package jp.kyoso.posts.search;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.QueryBuilder;

/**
 * Turns what a person typed into a Lucene query.
 *
 * <p>Each whitespace-separated term (full-width spaces count) is required: several terms mean AND. A term matches
 * when it is found as a sequence of words (morphological field) or, for recall, as a substring (bigram field), in
 * the title or the body. Scores favour, in this order: a word match in the title (a large constant, so that posts
 * whose title has the words come first), then relevance, where a word match counts much more than a mere substring
 * match, so that 京都 ranks 京都府 above 東京都.
 */
final class SearchQuery {
    static final int MAX_TERMS = 10;
    static final int MAX_QUERY_LENGTH = 200;

    static final float TITLE_TIER = 100f;
    static final float TITLE_WORDS_BOOST = 3f;
    static final float BODY_WORDS_BOOST = 1f;
    static final float TITLE_BIGRAM_BOOST = 0.3f;
    static final float BODY_BIGRAM_BOOST = 0.1f;

    private final QueryBuilder words;
    private final QueryBuilder bigrams;

    SearchQuery(Analyzer morphological, Analyzer bigram) {
        this.words = new QueryBuilder(morphological);
        this.bigrams = new QueryBuilder(bigram);
    }

    /**
     * What a person typed, parsed.
     *
     * @param query       what ranks the hits
     * @param bodyWords   any term as words of the body: what a snippet marks first
     * @param bodyBigrams any term as a substring of the body: what a snippet marks when no word matched there; null
     *                    when no term can match that way
     */
    record Parsed(Query query, Query bodyWords, Query bodyBigrams) {
    }

    /** Empty when the text has no searchable term (blank, only punctuation or particles). */
    Optional<Parsed> parse(String text) {
        List<String> terms = terms(text);
        if (terms.isEmpty()) {
            return Optional.empty();
        }
        List<Query> required = new ArrayList<>();
        List<Query> titleMatches = new ArrayList<>();
        BooleanQuery.Builder anyBodyWords = new BooleanQuery.Builder();
        BooleanQuery.Builder anyBodyBigrams = new BooleanQuery.Builder();
        int bodyBigramTerms = 0;
        for (String term : terms) {
            Query titleWords = words.createPhraseQuery(SearchFields.TITLE_WORDS, term);
            Query bodyWords = words.createPhraseQuery(SearchFields.BODY_WORDS, term);
            // one kana or kanji is a unigram, which the bigram fields of Japanese text never hold: only the words
            // can match it (and a particle such as の is then nothing to look for)
            boolean bigramsCanMatch = !isSingleJapaneseCharacter(term);
            Query titleBigrams = bigramsCanMatch ? bigrams.createPhraseQuery(SearchFields.TITLE_BIGRAM, term) : null;
            Query bodyBigrams = bigramsCanMatch ? bigrams.createPhraseQuery(SearchFields.BODY_BIGRAM, term) : null;
            BooleanQuery.Builder anyField = new BooleanQuery.Builder();
            int alternatives = 0;
            alternatives += add(anyField, titleWords, TITLE_WORDS_BOOST);
            alternatives += add(anyField, bodyWords, BODY_WORDS_BOOST);
            alternatives += add(anyField, titleBigrams, TITLE_BIGRAM_BOOST);
            alternatives += add(anyField, bodyBigrams, BODY_BIGRAM_BOOST);
            if (alternatives == 0) {
                // a particle or punctuation alone: nothing to look for, it neither widens nor narrows the search
                continue;
            }
            required.add(anyField.build());
            if (titleWords != null) {
                titleMatches.add(titleWords);
            }
            if (bodyWords != null) {
                anyBodyWords.add(bodyWords, Occur.SHOULD);
            }
            if (bodyBigrams != null) {
                anyBodyBigrams.add(bodyBigrams, Occur.SHOULD);
                bodyBigramTerms++;
            }
        }
        if (required.isEmpty()) {
            return Optional.empty();
        }
        // the tier is shared by the terms that are searched for: a title with all of them gets all of it
        float tierPerTerm = TITLE_TIER / required.size();
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (Query term : required) {
            query.add(term, Occur.MUST);
        }
        for (Query titleWords : titleMatches) {
            query.add(new BoostQuery(new ConstantScoreQuery(titleWords), tierPerTerm), Occur.SHOULD);
        }
        return Optional.of(new Parsed(query.build(), anyBodyWords.build(),
                bodyBigramTerms == 0 ? null : anyBodyBigrams.build()));
    }

    private static int add(BooleanQuery.Builder builder, Query query, float boost) {
        if (query == null) {
            return 0;
        }
        builder.add(new BoostQuery(query, boost), Occur.SHOULD);
        return 1;
    }

    private static boolean isSingleJapaneseCharacter(String term) {
        if (term.codePointCount(0, term.length()) != 1) {
            return false;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(term.codePointAt(0));
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA;
    }

    static List<String> terms(String text) {
        if (text == null) {
            return List.of();
        }
        String normalized = Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
        if (normalized.length() > MAX_QUERY_LENGTH) {
            normalized = normalized.substring(0, MAX_QUERY_LENGTH);
        }
        Set<String> terms = new LinkedHashSet<>();
        for (String term : normalized.split("[\\s\\u3000]+")) {
            if (!term.isBlank() && terms.size() < MAX_TERMS) {
                terms.add(term);
            }
        }
        return new ArrayList<>(terms);
    }
}
