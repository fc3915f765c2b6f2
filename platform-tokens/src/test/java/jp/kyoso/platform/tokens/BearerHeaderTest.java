package jp.kyoso.platform.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BearerHeaderTest {
    /** Spring Security's rule, as its DefaultBearerTokenResolver and ServerBearerTokenAuthenticationConverter write it. */
    private static final Pattern SPRING = Pattern.compile("^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$",
            Pattern.CASE_INSENSITIVE);

    @Test
    void readsTheTokenOfAWellFormedHeader() {
        assertThat(BearerHeader.wellFormedToken("Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJtIn0.c2ln-_~+/=="))
                .isEqualTo("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJtIn0.c2ln-_~+/==");
        assertThat(BearerHeader.wellFormedToken("bEaReR abc")).isEqualTo("abc");
        assertThat(BearerHeader.namesBearer("bearer")).isTrue();
    }

    @Test
    void refusesWhatSpringSecurityRefuses() {
        for (String header : new String[] {"Bearer ", "Bearer  abc", "Bearer abc def", "Bearer =abc", "Bearer abc=d",
            "Bearer abc\n", "Bearer\tabc", "Bearerabc", "Basic abc", "Bearer ab\u00e9", "B\u0117arer abc", ""}) {
            assertThat(BearerHeader.wellFormedToken(header)).as(header).isNull();
            assertThat(SPRING.matcher(header).matches()).as(header).isFalse();
        }
        assertThat(BearerHeader.namesBearer("Basic abc")).isFalse();
        assertThat(BearerHeader.namesBearer(null)).isFalse();
        assertThat(BearerHeader.wellFormedToken(null)).isNull();
    }

    /** Random headers near the rule's edges: the loop and Spring's regex must agree on every one. */
    @Test
    void agreesWithSpringSecuritysRegexOnRandomHeaders() {
        String alphabet = "aZ09-._~+/= \t\n\u00e9\u212a\u0130\u017f%:,;";
        String[] prefixes = {"Bearer ", "bearer ", "BEARER ", "Bearer", "Bearer  ", "Bearex ", "bEARER ", ""};
        Random random = new Random(20261130);
        int tokens = 0;
        for (int n = 0; n < 50_000; n++) {
            StringBuilder header = new StringBuilder(prefixes[random.nextInt(prefixes.length)]);
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                // mostly token characters, so that many headers are well-formed and the rest fail in one place
                header.append(random.nextInt(4) == 0 ? alphabet.charAt(random.nextInt(alphabet.length()))
                        : alphabet.charAt(random.nextInt(10)));
            }
            String value = header.toString();
            Matcher spring = SPRING.matcher(value);
            String expected = spring.matches() ? spring.group("token") : null;
            assertThat(BearerHeader.wellFormedToken(value)).as("[%s]", value).isEqualTo(expected);
            tokens += expected == null ? 0 : 1;
        }
        assertThat(tokens).as("well-formed headers among the random ones").isGreaterThan(5_000);
    }
}
