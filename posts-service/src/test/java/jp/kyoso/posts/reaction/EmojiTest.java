package jp.kyoso.posts.reaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmojiTest {

    @ParameterizedTest
    @ValueSource(strings = {"👍", "❤️", "❤", "🎉", "👍🏽", "👩‍💻", "👨‍👩‍👧‍👦", "🧑🏻‍🤝‍🧑🏿", "🏳️‍🌈", "🇯🇵", "1️⃣", "#️⃣",
            "🏴\uDB40\uDC67\uDB40\uDC62\uDB40\uDC73\uDB40\uDC63\uDB40\uDC74\uDB40\uDC7F", "☺️", "🙇‍♀️", "🫡"})
    void aSingleEmojiIsAccepted(String emoji) {
        assertThat(Emoji.isSingle(emoji)).isTrue();
    }

    @org.junit.jupiter.api.Test
    void theKeyOfAReactionIgnoresThePresentationSelector() {
        assertThat(Emoji.key("❤️")).isEqualTo(Emoji.key("❤")).isEqualTo("❤");
        assertThat(Emoji.key("👍")).isEqualTo("👍");
        assertThat(Emoji.key("👩‍💻")).isEqualTo("👩‍💻");
        assertThat(Emoji.isSingle(Emoji.key("1️⃣"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "a", "1", "👍👍", "👍 ", " 👍", "🏽", "🇯", "🇯🇵🇯🇵", "👩‍", "‍👩", "あ", "日本",
            "1⃣2", "👍a", ""})
    void anythingElseIsRefused(String text) {
        assertThat(Emoji.isSingle(text)).isFalse();
    }
}
