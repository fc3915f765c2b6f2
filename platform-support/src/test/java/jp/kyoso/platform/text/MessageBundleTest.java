package jp.kyoso.platform.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.context.NoSuchMessageException;

class MessageBundleTest {
    private final MessageBundle bundle = MessageBundle.of("i18n/bundle-test");

    @Test
    void readsUtf8TextsAsWritten() {
        assertThat(bundle.get("plain")).isEqualTo("見つかりません / Not found");
        assertThat(bundle.get("apostrophe-without-arguments")).isEqualTo("メンバーのページ / The member's page");
    }

    @Test
    void fillsInArgumentsAsMessageFormatDoes() {
        assertThat(bundle.get("with-argument", 3)).isEqualTo("3 件の投稿 / 3 posts");
        assertThat(bundle.get("quoted", "handle")).isEqualTo("ログイン中のメンバーの 'handle' / The signed-in member's 'handle'");
    }

    @Test
    void aKeyThatIsNotInTheFileFailsInsteadOfShowingTheKey() {
        assertThatThrownBy(() -> bundle.get("missing")).isInstanceOf(NoSuchMessageException.class);
    }
}
