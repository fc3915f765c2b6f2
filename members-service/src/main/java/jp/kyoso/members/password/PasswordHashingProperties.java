package jp.kyoso.members.password;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The cost of new password hashes (Argon2id). The defaults are 7 MiB, 5 passes, 1 lane: one of the five profiles
 * OWASP's Password Storage Cheat Sheet gives as equally strong (19 MiB and 2 passes, 12 MiB and 3, 9 MiB and 4, 7 MiB
 * and 5 trade memory for passes), the one whose memory fits a service's young generation. With 19 MiB and 2 passes each
 * hash's 19,456 one-KiB blocks outgrew members-service's 19 MB eden while the hash still used them, so they were
 * copied to the old generation and every sign-in or two ended in a full collection (40 sign-ins in a row: 25 full
 * collections, 1.8 s of them, p50 182 ms; with 7 MiB and 5 passes and {@code LocalPlatform}'s young generation for
 * members-service: none, p50 99 ms). Hashes made with other parameters still match, and a hash with less memory or
 * fewer passes than configured is made again at the member's next login ({@link PasswordUpgrade}). Tests and the local
 * benchmark lower the cost ({@code KYOSO_MEMBERS_PASSWORDS_ARGON2MEMORYKIB} …) so that thousands of registrations do
 * not wait on hashing. The BCrypt cost of hashes made before Argon2 stays
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
        argon2MemoryKib = argon2MemoryKib == null ? 7 * 1024 : argon2MemoryKib;
        argon2Iterations = argon2Iterations == null ? 5 : argon2Iterations;
        argon2Parallelism = argon2Parallelism == null ? 1 : argon2Parallelism;
        maxConcurrentHashes = maxConcurrentHashes == null ? Runtime.getRuntime().availableProcessors()
                : maxConcurrentHashes;
        maxHashWait = maxHashWait == null ? Duration.ofSeconds(1) : maxHashWait;
    }
}
