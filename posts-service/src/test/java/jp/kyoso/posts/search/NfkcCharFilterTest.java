package jp.kyoso.posts.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The index stores offsets: they must stay inside the text and never go backwards, whatever NFKC does to it. */
class NfkcCharFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"㍿の契約書", "½の予算と¼", "ﬁle サーバ", "ｶﾞｲﾄﾞﾗｲﾝ", "①②③の手順", "㌔㍍を走る", "ＤＸ推進",
            "ｻｰﾊﾞｰ移行", "株式会社㍿株式会社", "👩‍💻と㍿", "e\u0301te\u0301", "ﷺ"})
    void offsetsStayInsideTheTextAndNeverGoBackwards(String text) throws IOException {
        for (Analyzer analyzer : new Analyzer[] {JapaneseAnalyzers.morphological(), JapaneseAnalyzers.bigram()}) {
            try (TokenStream tokens = analyzer.tokenStream("body", new StringReader(text))) {
                OffsetAttribute offsets = tokens.addAttribute(OffsetAttribute.class);
                CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
                tokens.reset();
                int lastStart = 0;
                while (tokens.incrementToken()) {
                    assertThat(offsets.startOffset()).as(term.toString()).isGreaterThanOrEqualTo(lastStart);
                    assertThat(offsets.endOffset()).as(term.toString()).isGreaterThanOrEqualTo(offsets.startOffset())
                            .isLessThanOrEqualTo(text.length());
                    lastStart = offsets.startOffset();
                }
                tokens.end();
            }
        }
    }
}
