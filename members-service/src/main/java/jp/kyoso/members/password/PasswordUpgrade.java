package jp.kyoso.members.password;

import jp.kyoso.members.member.Member;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * After a successful login, a hash in an older form (bare BCrypt, or Argon2 with a lower cost than configured) is
 * replaced with a new one of the password just checked: the only moment the password is known. The update is
 * conditional on the old hash, so a password changed at the same moment is not overwritten. Nobody else needs to
 * learn of it: no event.
 */
@Component
public class PasswordUpgrade {
    private static final Logger log = LoggerFactory.getLogger(PasswordUpgrade.class);

    private final MongoTemplate mongo;
    private final PasswordEncoder passwordEncoder;

    PasswordUpgrade(MongoTemplate mongo, PasswordEncoder passwordEncoder) {
        this.mongo = mongo;
        this.passwordEncoder = passwordEncoder;
    }

    /** Call only after {@code rawPassword} matched {@code currentHash}. Never fails the login. */
    public void afterSuccessfulMatch(String memberId, String currentHash, String rawPassword) {
        if (currentHash == null || !passwordEncoder.upgradeEncoding(currentHash)) {
            return;
        }
        try {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(memberId).and("passwordHash").is(currentHash)),
                    new Update().set("passwordHash", passwordEncoder.encode(rawPassword)), Member.class);
            log.info("Password hash of member {} upgraded to Argon2id", memberId);
        } catch (RuntimeException e) {
            // the old hash keeps working; the next login tries again
            log.warn("Password hash of member {} not upgraded: {}", memberId, e.toString());
        }
    }
}
