package jp.kyoso.posts.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import jp.kyoso.posts.search.Snippets.Match;
import org.junit.jupiter.api.Test;

/** Snippets are cut from the text at the offsets the index gave, with no analysis of their own. */
class SnippetsTest {

    @Test
    void everyMatchInTheFragmentIsMarkedAndTheRestEscaped() {
        String text = "<b>住民票</b> の写しと住民票コードについて";
        String snippet = Snippets.snippet(text, List.of(new Match(3, 6), new Match(15, 18)));

        assertThat(snippet).isEqualTo("&lt;b&gt;<mark>住民票</mark>&lt;&#x2F;b&gt; の写しと<mark>住民票</mark>コードについて");
    }

    @Test
    void adjacentAndOverlappingMatchesReadAsOneMark() {
        assertThat(Snippets.snippet("住民異動届の受付", List.of(new Match(0, 2), new Match(2, 4), new Match(3, 5))))
                .isEqualTo("<mark>住民異動届</mark>の受付");
    }

    @Test
    void aLongTextShowsAFragmentFromALittleBeforeTheFirstMatch() {
        String text = "あ".repeat(500) + "窓口" + "い".repeat(500);
        String snippet = Snippets.snippet(text, List.of(new Match(500, 502)));

        assertThat(snippet).startsWith("あ".repeat(Snippets.CONTEXT_BEFORE) + "<mark>窓口</mark>")
                .hasSize(Snippets.FRAGMENT_CHARS + "<mark></mark>".length());
    }

    @Test
    void withoutAMatchInTheBodyTheBeginningIsShown() {
        assertThat(Snippets.snippet("短い本文", List.of())).isEqualTo("短い本文");
        assertThat(Snippets.snippet("長".repeat(150), List.of())).isEqualTo("長".repeat(100) + "…");
    }

    @Test
    void aSurrogatePairIsNeverCutInTwo() {
        String text = "🏛".repeat(30) + "庁舎" + "🏛".repeat(60);
        String snippet = Snippets.snippet(text, List.of(new Match(60, 62)));

        assertThat(snippet.codePoints().filter(cp -> cp >= 0xD800 && cp <= 0xDFFF)).as("lone surrogates").isEmpty();
        assertThat(snippet).contains("<mark>庁舎</mark>");
    }
}
