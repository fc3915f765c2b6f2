package jp.kyoso.platform.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

class AccessTokenRulesTest {
    private final OAuth2TokenValidator<Jwt> rules = AccessTokenRules.validator(new MockEnvironment());

    @Test
    void aTokenAsMembersServiceIssuesItPasses() {
        assertThat(rules.validate(token(b -> b)).hasErrors()).isFalse();
        assertThat(rules.validate(token(b -> b.audience(List.of("other-app", "kyoso")))).hasErrors())
                .as("Kyoso among several audiences").isFalse();
    }

    @Test
    void anotherIssuerNoOrAnotherAudienceNoExpiryOrAnotherAlgorithmFail() {
        assertThat(rules.validate(token(b -> b.issuer("someone-else"))).hasErrors()).as("issuer").isTrue();
        assertThat(rules.validate(token(b -> b.claims(c -> c.remove("aud")))).hasErrors()).as("no aud").isTrue();
        assertThat(rules.validate(token(b -> b.audience(List.of("other-app")))).hasErrors()).as("aud").isTrue();
        assertThat(rules.validate(token(b -> b.claims(c -> c.remove("exp")))).hasErrors()).as("no exp").isTrue();
        for (String alg : new String[] {"none", "HS256", "RS512", "PS256", "ES256"}) {
            assertThat(rules.validate(token(b -> b.header("alg", alg))).hasErrors()).as(alg).isTrue();
        }
        assertThat(rules.validate(token(b -> b.headers(h -> h.remove("alg")))).hasErrors()).as("no alg").isTrue();
    }

    @Test
    void theIssuerAndAudienceComeFromTheConfiguration() {
        OAuth2TokenValidator<Jwt> configured = AccessTokenRules.validator(new MockEnvironment()
                .withProperty(AccessTokenRules.ISSUER_PROPERTY, "kyoso-members-okinawa")
                .withProperty(AccessTokenRules.AUDIENCE_PROPERTY, "kyoso-okinawa"));
        assertThat(configured.validate(token(b -> b)).hasErrors()).isTrue();
        assertThat(configured.validate(token(b -> b.issuer("kyoso-members-okinawa")
                .audience(List.of("kyoso-okinawa")))).hasErrors()).isFalse();
    }

    private static Jwt token(UnaryOperator<Jwt.Builder> change) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").header("typ", "JWT")
                .issuer("kyoso-members").audience(List.of("kyoso")).subject("member-1")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(900));
        return change.apply(builder).build();
    }
}
