package jp.kyoso.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

class HeaderValuesTest {

    @Test
    void decidesLikeTheFirewallsRegex() {
        List<String> values = java.util.Arrays.asList(null, "", "Bearer eyJraWQiOiJrMSJ9.eyJzdWIiOiJtIn0.c2ln", "application/json",
                "儀間 聡子", "😀 emoji", "tab\there", "nul\u0000", "cr\rlf\n", "del\u007f", "c1\u0085",
                "unassigned\u0378", "lone surrogate \ud800", "private \ue000", "zero width\u200b");

        for (String value : values) {
            assertThat(HeaderValues.allowed(value)).as(value)
                    .isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(value));
        }
    }
}
