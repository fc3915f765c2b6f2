package jp.kyoso.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import jp.kyoso.members.member.Member;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** New password hashes are Argon2id; the bare BCrypt hashes of earlier versions become Argon2id at the next login. */
class PasswordHashUpgradeTest extends MembersServiceTest {

    @Test
    void aNewRegistrationStoresAnArgon2idHash() {
        ActiveMember member = newMember();
        assertThat(passwordHashOf(member.id())).startsWith("{argon2}$argon2id$");
    }

    @Test
    void aMemberWithABcryptHashLogsInAndThenHasAnArgon2idHash() {
        ActiveMember member = newMember();
        // what an earlier version stored: a bare BCrypt hash, no {id} prefix
        String bcrypt = new BCryptPasswordEncoder(4).encode(PASSWORD);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(member.id())),
                new Update().set("passwordHash", bcrypt), Member.class);

        Http.Response wrong = http.post("/api/auth/login", Map.of("email", member.email(), "password", "wrong-one"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(passwordHashOf(member.id())).as("a failed login changes nothing").isEqualTo(bcrypt);

        ActiveMember loggedIn = login(member.email());
        assertThat(http.get("/api/members/me", loggedIn.accessToken()).status()).isEqualTo(200);
        String upgraded = passwordHashOf(member.id());
        assertThat(upgraded).startsWith("{argon2}$argon2id$").doesNotContain(bcrypt);

        // the new hash works, and stays as it is
        login(member.email());
        assertThat(passwordHashOf(member.id())).isEqualTo(upgraded);
    }

    private String passwordHashOf(String memberId) {
        return mongo.findById(memberId, Member.class).passwordHash();
    }
}
