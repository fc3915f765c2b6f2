package jp.kyoso.posts.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.ja.JapaneseAnalyzer;
import org.apache.lucene.analysis.ja.JapaneseBaseFormFilter;
import org.apache.lucene.analysis.ja.JapaneseKatakanaStemFilter;
import org.apache.lucene.analysis.ja.JapanesePartOfSpeechStopFilter;
import org.apache.lucene.analysis.ja.JapaneseTokenizer;
import org.apache.lucene.analysis.ja.dict.UserDictionary;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The two analyses of every searchable text.
 *
 * <ul>
 *   <li><b>Morphological</b> (Kuromoji, search mode, with a small user dictionary of administrative words): words as a reader sees them, in base form (申込み → 申込む),
 *   okurigana folded (→ 申込), katakana long vowel dropped (サーバー = サーバ), NFKC and lower case. It gives
 *   precision: 京都 is a word of 京都府 but not of 東京都 (東京 + 都).</li>
 *   <li><b>Bigram</b>: overlapping pairs of characters, for recall where the dictionary splits a word differently
 *   from the query (new compounds, names, rare words). A query term must then appear as a substring.</li>
 * </ul>
 *
 * <p>Both read the text through {@link NfkcCharFilter}, which already folds full-width and half-width forms, so no
 * width filter follows the tokenizer.
 */
public final class JapaneseAnalyzers {
    private static final UserDictionary USER_DICTIONARY = loadUserDictionary();

    private JapaneseAnalyzers() {
    }

    public static Analyzer morphological() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new JapaneseTokenizer(USER_DICTIONARY, true, true, JapaneseTokenizer.Mode.SEARCH);
                TokenStream stream = new JapaneseBaseFormFilter(tokenizer);
                stream = new JapanesePartOfSpeechStopFilter(stream, JapaneseAnalyzer.getDefaultStopTags());
                stream = new StopFilter(stream, JapaneseAnalyzer.getDefaultStopSet());
                stream = new JapaneseKatakanaStemFilter(stream);
                stream = new LowerCaseFilter(stream);
                stream = new OkuriganaFoldingFilter(stream);
                return new TokenStreamComponents(tokenizer, stream);
            }

            @Override
            protected Reader initReader(String fieldName, Reader reader) {
                return new NfkcCharFilter(reader);
            }
        };
    }

    public static Analyzer bigram() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new StandardTokenizer();
                TokenStream stream = new LowerCaseFilter(tokenizer);
                stream = new JapaneseKatakanaStemFilter(stream);
                stream = new CJKBigramFilter(stream);
                return new TokenStreamComponents(tokenizer, stream);
            }

            @Override
            protected Reader initReader(String fieldName, Reader reader) {
                return new NfkcCharFilter(reader);
            }
        };
    }

    private static UserDictionary loadUserDictionary() {
        try (InputStream in = JapaneseAnalyzers.class.getResourceAsStream("/search/userdict_ja.txt")) {
            if (in == null) {
                throw new IllegalStateException("search/userdict_ja.txt is missing from the classpath");
            }
            return UserDictionary.open(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Japanese user dictionary", e);
        }
    }

    /** The analyzer for the index writer and the highlighter: each field with its own analysis. */
    public static Analyzer perField(Analyzer morphological, Analyzer bigram) {
        return new PerFieldAnalyzerWrapper(morphological, Map.of(
                SearchFields.TITLE_BIGRAM, bigram,
                SearchFields.BODY_BIGRAM, bigram));
    }
}
