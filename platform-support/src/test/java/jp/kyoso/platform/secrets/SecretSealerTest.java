package jp.kyoso.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

class SecretSealerTest {
    private static final String URL = "https://hooks.slack.com/services/T000/B000/abcdefghijklmnop";

    private static String newKek() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    @Test
    void sealsSoThatNothingOfThePlaintextShowsAndOpensItAgain() {
        SecretSealer sealer = KeyEncryptionKeys.fromEnvironment(new MockEnvironment().withProperty("kyoso.kek",
                newKek()), "test");
        String sealed = sealer.seal("slack-webhook", URL);
        assertThat(sealed).startsWith("kyoso-sealed:v1:" + sealer.currentKeyId() + ":").doesNotContain("hooks")
                .doesNotContain("abcdefghijklmnop");
        assertThat(sealer.seal("slack-webhook", URL)).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(sealer.open("slack-webhook", sealed)).isEqualTo(URL);
        assertThat(sealer.needsResealing(sealed)).isFalse();
        assertThat(sealer.needsResealing(URL)).isTrue();
    }

    @Test
    void refusesAnotherPurposeAChangedValueAPlainValueAndAnUnknownKek() {
        SecretSealer sealer = KeyEncryptionKeys.fromEnvironment(new MockEnvironment().withProperty("kyoso.kek",
                newKek()), "test");
        String sealed = sealer.seal("signing-key:a", "secret");
        assertThatThrownBy(() -> sealer.open("signing-key:b", sealed))
                .isInstanceOf(SecretSealer.SealedSecretException.class);
        int at = sealed.length() - 10;
        String changed = sealed.substring(0, at) + (sealed.charAt(at) == 'A' ? 'B' : 'A') + sealed.substring(at + 1);
        assertThatThrownBy(() -> sealer.open("signing-key:a", changed))
                .isInstanceOf(SecretSealer.SealedSecretException.class);
        assertThatThrownBy(() -> sealer.open("signing-key:a", "secret"))
                .isInstanceOf(SecretSealer.SealedSecretException.class);
        SecretSealer other = KeyEncryptionKeys.fromEnvironment(new MockEnvironment().withProperty("kyoso.kek",
                newKek()), "test");
        assertThatThrownBy(() -> other.open("signing-key:a", sealed))
                .isInstanceOf(SecretSealer.SealedSecretException.class).hasMessageContaining("KYOSO_KEK_PREVIOUS");
    }

    @Test
    void aRotatedKekStillOpensOldValuesWhichAreThenSealedAgainUnderTheNewOne(@TempDir Path dir) throws Exception {
        String oldKek = newKek();
        String newKek = newKek();
        SecretSealer before = KeyEncryptionKeys.fromEnvironment(new MockEnvironment().withProperty("kyoso.kek",
                oldKek), "test");
        String sealedBefore = before.seal("slack-webhook", URL);

        Path current = Files.writeString(dir.resolve("kek"), newKek + "\n");
        Path previous = Files.writeString(dir.resolve("previous"), "# rotated on 2026-11-01\n" + oldKek + "\n");
        SecretSealer after = KeyEncryptionKeys.fromEnvironment(new MockEnvironment()
                .withProperty("kyoso.kek-file", current.toString())
                .withProperty("kyoso.kek-previous-file", previous.toString()), "test");
        assertThat(after.currentKeyId()).isNotEqualTo(before.currentKeyId());
        assertThat(after.needsResealing(sealedBefore)).isTrue();
        assertThat(after.open("slack-webhook", sealedBefore)).isEqualTo(URL);
        String resealed = after.reseal("slack-webhook", sealedBefore);
        assertThat(after.needsResealing(resealed)).isFalse();

        SecretSealer withoutPrevious = KeyEncryptionKeys.fromEnvironment(new MockEnvironment()
                .withProperty("kyoso.kek", newKek), "test");
        assertThat(withoutPrevious.open("slack-webhook", resealed)).isEqualTo(URL);
    }

    @Test
    void refusesToStartWithoutAKekUnlessTheInsecureDefaultIsAllowedExplicitly() {
        assertThatThrownBy(() -> KeyEncryptionKeys.fromEnvironment(new MockEnvironment(), "members-service"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("KYOSO_KEK")
                .hasMessageContaining("KYOSO_KEK_FILE").hasMessageContaining(KeyEncryptionKeys.ALLOW_INSECURE_DEFAULT);
        assertThatThrownBy(() -> KeyEncryptionKeys.fromEnvironment(new MockEnvironment()
                .withProperty("kyoso.kek", Base64.getEncoder().encodeToString(new byte[16])), "test"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("32 bytes");

        SecretSealer insecure = KeyEncryptionKeys.fromEnvironment(new MockEnvironment()
                .withProperty(KeyEncryptionKeys.ALLOW_INSECURE_DEFAULT, "true"), "test");
        assertThat(insecure.currentKeyId()).isEqualTo(KeyEncryptionKeys.insecureDefault().id());
        String sealed = insecure.seal("p", "v");

        // moving local data onto a real KEK: the development KEK still opens, and only opens
        SecretSealer real = KeyEncryptionKeys.fromEnvironment(new MockEnvironment()
                .withProperty(KeyEncryptionKeys.ALLOW_INSECURE_DEFAULT, "true").withProperty("kyoso.kek", newKek()),
                "test");
        assertThat(real.currentKeyId()).isNotEqualTo(insecure.currentKeyId());
        assertThat(real.open("p", sealed)).isEqualTo("v");
        assertThat(real.needsResealing(sealed)).isTrue();
        assertThat(new SecretSealer(KeyEncryptionKeys.insecureDefault(), List.of()).open("p", sealed)).isEqualTo("v");
    }
}
