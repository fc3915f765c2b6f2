package jp.kyoso.members.password;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The cost of new password hashes (Argon2id). The defaults are OWASP's minimum for Argon2id (19 MiB, 2 passes, 1
 * lane); tests and the local benchmark lower them ({@code KYOSO_MEMBERS_PASSWORDS_ARGON2MEMORYKIB} …) so that thousands
 * of registrations do not wait on hashing. The BCrypt cost of hashes made before Argon2 stays
 * {@code kyoso.members.registration.password-hash-strength}.
 *
 * @param argon2MemoryKib   memory per hash in KiB
 * @param argon2Iterations  passes over that memory
 * @param argon2Parallelism lanes
 * @param maxConcurrentHashes password hashes computed at once (each holds its memory cost while it runs); default the
 *                          number of processors
 * @param maxHashWait       how long a request waits for one of them before a 503 with Retry-After; default 1 s, well
 *                          inside the gateway's 3 s timeout
 */
@ConfigurationProperties("kyoso.members.passwords")
public record PasswordHashingProperties(Integer argon2MemoryKib, Integer argon2Iterations,
                                        Integer argon2Parallelism, Integer maxConcurrentHashes,
                                        Duration maxHashWait) {
    public PasswordHashingProperties {
        argon2MemoryKib = argon2MemoryKib == null ? 19 * 1024 : argon2MemoryKib;
        argon2Iterations = argon2Iterations == null ? 2 : argon2Iterations;
        argon2Parallelism = argon2Parallelism == null ? 1 : argon2Parallelism;
        maxConcurrentHashes = maxConcurrentHashes == null ? Runtime.getRuntime().availableProcessors()
                : maxConcurrentHashes;
        maxHashWait = maxHashWait == null ? Duration.ofSeconds(1) : maxHashWait;
    }
}
