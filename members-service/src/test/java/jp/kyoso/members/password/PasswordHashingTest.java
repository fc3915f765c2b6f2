package jp.kyoso.members.password;

import static org.assertj.core.api.Assertions.assertThat;

import jp.kyoso.members.registration.RegistrationProperties;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The default cost of new hashes, and what happens to the hashes made under the earlier default. */
class PasswordHashingTest {
    private static final String PASSWORD = "correct horse battery staple";

    private final PasswordEncoder encoder = new PasswordHashing().passwordEncoder(
            new PasswordHashingProperties(null, null, null, null, null),
            new RegistrationProperties(null, null, null, null, null));

    @Test
    void newHashesAreArgon2idAtSevenMibAndFivePasses() {
        String hash = encoder.encode(PASSWORD);

        assertThat(hash).startsWith("{argon2}$argon2id$v=19$m=7168,t=5,p=1$");
        assertThat(encoder.matches(PASSWORD, hash)).isTrue();
        assertThat(encoder.matches("wrong", hash)).isFalse();
        assertThat(encoder.upgradeEncoding(hash)).as("a hash at the configured cost stays").isFalse();
    }

    @Test
    void aHashMadeUnderTheEarlierDefaultStillMatchesAndIsMadeAgainAtTheNextLogin() {
        // what versions before 2026-11-30 stored: 19 MiB, 2 passes
        String earlier = "{argon2}" + new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2).encode(PASSWORD);

        assertThat(encoder.matches(PASSWORD, earlier)).isTrue();
        assertThat(encoder.upgradeEncoding(earlier)).isTrue();
    }
}
