package jp.kyoso.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** An option the JDK does not know stops the process from starting, so a default must never name one. */
    @Test
    void everyDefaultOptionIsKnownToTheRunningJdk() {
        Pattern option = Pattern.compile("-XX:[+-]?(\\w+)");
        for (String options : new String[] {LocalPlatform.DEFAULT_SERVICE_JAVA_OPTIONS,
            LocalPlatform.DEFAULT_GATEWAY_JAVA_OPTIONS, LocalPlatform.DEFAULT_MEMBERS_EXTRA_JAVA_OPTIONS}) {
            Matcher named = option.matcher(options);
            int count = 0;
            while (named.find()) {
                count++;
                assertThat(JvmOptions.known(named.group(1))).as(named.group(1)).isTrue();
            }
            assertThat(count).as(options).isPositive();
        }
    }
}
