package jp.kyoso.members.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailDomainPolicyTest {
    private final EmailDomainPolicy defaults = new EmailDomainPolicy(
            new RegistrationProperties(null, null, null, null, null).allowedEmailDomains());

    @ParameterizedTest
    @ValueSource(strings = {"staff@city.naha.lg.jp", "gima@town.kumejima.lg.jp", "someone@lg.jp", "a@soumu.go.jp",
            "a@go.jp", "Staff@City.Naha.LG.JP", "staff@CITY.naha.Lg.Jp", "staff@city.naha.lg.jp."})
    void publicSectorAddressesAreAllowed(String email) {
        assertThat(defaults.allows(email)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"someone@evil-lg.jp", "someone@lg.jp.evil.com", "someone@notgo.jp", "someone@gmail.com",
            "someone@lgjp", "someone@xlg.jp", "someone@lg.jp@evil.com", "someone@", "no-at-sign", "someone@jp",
            "someone@go.jp.example.org", "someone@city-lg.jp"})
    void everythingElseIsNot(String email) {
        assertThat(defaults.allows(email)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"someone@example.org", "someone@dept.example.org"})
    void theAllowlistIsConfigurable(String email) {
        EmailDomainPolicy configured = new EmailDomainPolicy(
                new RegistrationProperties(List.of(" Example.ORG ", ".lg.jp"), null, null, null, null)
                        .allowedEmailDomains());
        assertThat(configured.allows(email)).isTrue();
        assertThat(configured.allows("someone@city.naha.lg.jp")).isTrue();
        assertThat(configured.allows("someone@soumu.go.jp")).isFalse();
        assertThat(configured.allows("someone@notexample.org")).isFalse();
    }
}
