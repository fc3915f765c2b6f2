package jp.kyoso.posts.mention;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MentionParserTest {

    @Test
    void findsHandlesInJapaneseTextInOrderWithoutDuplicates() {
        assertThat(MentionParser.handles("@gima_satoko 都城市の佐藤です。@sato_yasunori さんと@gima_satoko さん"))
                .containsExactly("gima_satoko", "sato_yasunori");
        assertThat(MentionParser.handles("こんにちは@gima_satokoさん")).containsExactly("gima_satoko");
        assertThat(MentionParser.handles("(@abc) [@def] 「@ghi」、@jkl。")).containsExactly("abc", "def", "ghi", "jkl");
    }

    @Test
    void acceptsTheFullWidthAtSignAndUpperCase() {
        assertThat(MentionParser.handles("＠gima_satoko さん")).containsExactly("gima_satoko");
        assertThat(MentionParser.handles("@Gima_Satoko")).containsExactly("gima_satoko");
    }

    @Test
    void ignoresCodeSpansAndFencedBlocks() {
        assertThat(MentionParser.handles("`@in_code` と ``@double `tick` code`` の外 @outside"))
                .containsExactly("outside");
        assertThat(MentionParser.handles("前\n```\n@in_fence\n```\n~~~java\n@in_tilde\n~~~\n後 @after"))
                .containsExactly("after");
        // an unclosed backtick is just a character
        assertThat(MentionParser.handles("a ` b @still_here")).containsExactly("still_here");
    }

    @Test
    void ignoresEmailAddressesAndUrls() {
        assertThat(MentionParser.handles("連絡は gima@town.kumejima.lg.jp まで")).isEmpty();
        assertThat(MentionParser.handles("first.last@example.lg.jp taro+tag@city.example.jp")).isEmpty();
        assertThat(MentionParser.handles("https://social.example/@someone を参照")).isEmpty();
        assertThat(MentionParser.handles("@example.lg.jp のドメイン")).isEmpty();
        assertThat(MentionParser.handles("文末の @taro.")).containsExactly("taro");
    }

    @Test
    void ignoresWhatCannotBeAHandle() {
        assertThat(MentionParser.handles("@ab 短すぎ")).isEmpty();
        assertThat(MentionParser.handles("@" + "a".repeat(31) + " 長すぎ")).isEmpty();
        assertThat(MentionParser.handles("@" + "a".repeat(30) + " ちょうど")).containsExactly("a".repeat(30));
        assertThat(MentionParser.handles("@ 空 @@double @")).isEmpty();
        assertThat(MentionParser.handles(null)).isEmpty();
    }

    @Test
    void looksAtABoundedNumberOfCandidates() {
        String many = IntStream.range(0, 150).mapToObj(i -> "@user_" + i).collect(Collectors.joining(" "));
        assertThat(MentionParser.handles(many)).hasSize(MentionParser.MAX_CANDIDATES);
    }
}
