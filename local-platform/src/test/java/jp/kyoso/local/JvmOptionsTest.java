package jp.kyoso.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JvmOptionsTest {

    @Test
    void optionsAreLookedUpInTheRunningJdk() {
        assertThat(JvmOptions.known("UseSerialGC")).isTrue();
        assertThat(JvmOptions.known("NoSuchOptionInAnyJdk")).isFalse();
    }

    @Test
    void theNativeHeapTrimIsOnlyAskedOfAJdkThatHasIt() {
        String trim = JvmOptions.nativeHeapTrim(Duration.ofSeconds(30));
        if (JvmOptions.known(JvmOptions.NATIVE_HEAP_TRIM)) {
            assertThat(trim).isEqualTo(" -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=30000");
        } else {
            assertThat(trim).isEmpty();
        }
        assertThat(LocalPlatform.DEFAULT_SERVICE_JAVA_OPTIONS).contains("-Xms64m").contains(trim);
    }
}
