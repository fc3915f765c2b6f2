package jp.kyoso.members.password;

import java.util.Map;
import jp.kyoso.members.registration.RegistrationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password hashes name their algorithm ({@code {argon2}…}, {@code {bcrypt}…}); new ones are Argon2id. The hashes of
 * earlier versions are bare BCrypt ({@code $2a$…}, no prefix): they still match, through BCrypt, and
 * {@link PasswordEncoder#upgradeEncoding} says they are due, so that the next successful login stores an Argon2id hash
 * in their place ({@link PasswordUpgrade}). At most {@code max-concurrent-hashes} hashes run at once, and a request
 * waits at most {@code max-hash-wait} for one ({@link BoundedPasswordEncoder}).
 */
@Configuration
class PasswordHashing {
    static final String ARGON2 = "argon2";
    static final String BCRYPT = "bcrypt";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    @Bean
    PasswordEncoder passwordEncoder(PasswordHashingProperties argon2, RegistrationProperties registration) {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(registration.passwordHashStrength());
        DelegatingPasswordEncoder encoder = new DelegatingPasswordEncoder(ARGON2, Map.of(
                ARGON2, new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, argon2.argon2Parallelism(),
                        argon2.argon2MemoryKib(), argon2.argon2Iterations()),
                BCRYPT, bcrypt));
        // hashes without a prefix are the bare BCrypt hashes of earlier versions
        encoder.setDefaultPasswordEncoderForMatches(bcrypt);
        return new BoundedPasswordEncoder(encoder, argon2.maxConcurrentHashes(), argon2.maxHashWait());
    }
}
