package jp.kyoso.posts.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlainTextTest {

    @Test
    void markdownBecomesTheTextAReaderSees() {
        assertThat(PlainText.fromMarkdown("# 見出し\n\n**太字**と_斜体_、[リンク](https://example.lg.jp)と`コード`。\n"
                + "- 項目\n> 引用\n![図](a.png)")).isEqualTo("見出し\n\n太字と斜体、リンクとコード。\n項目\n引用\n図");
        assertThat(PlainText.fromMarkdown("```java\nint x = 1;\n```")).isEqualTo("int x = 1;");
        assertThat(PlainText.fromMarkdown(null)).isEmpty();
    }

    @Test
    void anExcerptIsTheFirst200CharactersOnOneLine() {
        assertThat(PlainText.excerpt("**窓口**の\n\nデジタル化")).isEqualTo("窓口の デジタル化");
        String excerpt = PlainText.excerpt("あ".repeat(150) + "😀".repeat(100));
        assertThat(excerpt.codePointCount(0, excerpt.length())).isEqualTo(200);
        assertThat(excerpt).endsWith("😀");
    }

    @Test
    void handlesAndSnakeCaseKeepTheirUnderscores() {
        assertThat(PlainText.fromMarkdown("@audit_iz5map さんと @naha_city_dx さんへ: snake_case も"))
                .isEqualTo("@audit_iz5map さんと @naha_city_dx さんへ: snake_case も");
        assertThat(PlainText.excerpt("**確認** @audit_iz5map _強調_ と @m_a_b"))
                .isEqualTo("確認 @audit_iz5map 強調 と @m_a_b");
        assertThat(PlainText.fromMarkdown("_emphasis around @audit_iz5map_")).isEqualTo("emphasis around @audit_iz5map");
    }
}
