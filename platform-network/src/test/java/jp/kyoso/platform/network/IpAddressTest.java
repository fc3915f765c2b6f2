package jp.kyoso.platform.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class IpAddressTest {
    /** The rule as it was written before the hand-written parser: four groups of one to three digits, each ≤ 255. */
    private static final Pattern FOUR_OCTETS = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final String ALPHABET = "0123456789.....2559:x ١";

    @Test
    void readsIpv4AsTheFourOctetRuleDoesOnRandomTextNearItsEdges() {
        Random random = new Random(20261130);
        int addresses = 0;
        for (int i = 0; i < 200_000; i++) {
            String text = randomText(random);
            Optional<String> expected = byTheRule(text);
            Optional<String> parsed = IpAddress.parse(text).map(IpAddress::toString);
            assertThat(parsed).as("'%s'", text).isEqualTo(expected);
            if (expected.isPresent()) {
                addresses++;
            }
        }
        // the random texts must reach both sides of the rule, or the comparison says little
        assertThat(addresses).isGreaterThan(1_000);
    }

    @Test
    void readsTheSpellingsAProxyWrites() {
        assertThat(IpAddress.parse("198.51.100.1")).map(IpAddress::toString).hasValue("198.51.100.1");
        assertThat(IpAddress.parse(" 198.51.100.1:51234 ")).map(IpAddress::toString).hasValue("198.51.100.1");
        assertThat(IpAddress.parse("010.001.000.255")).map(IpAddress::toString).hasValue("10.1.0.255");
        assertThat(IpAddress.parse("0.0.0.0")).map(IpAddress::toString).hasValue("0.0.0.0");
        for (String notIpv4 : new String[] {"", ".", "1.2.3", "1.2.3.4.", ".1.2.3.4", "1..2.3", "1.2.3.4.5",
                "256.1.1.1", "1.2.3.1000", "1.2.3.-4", "1.2.3.4x", "１.2.3.4", "1.2.3.٤"}) {
            assertThat(IpAddress.parse(notIpv4)).as("'%s'", notIpv4).isEmpty();
        }
    }

    private static String randomText(Random random) {
        if (random.nextInt(3) == 0) {
            // a well-formed address, with now and then an octet past 255 or a leading zero
            return random.nextInt(300) + "." + random.nextInt(300) + "." + random.nextInt(256) + "."
                    + (random.nextBoolean() ? "0" : "") + random.nextInt(260);
        }
        StringBuilder text = new StringBuilder();
        int length = 1 + random.nextInt(16);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    /** What IpAddress.parse must give for text without brackets: IPv4 by the rule, IPv6 as the JDK reads it. */
    private static Optional<String> byTheRule(String text) {
        String value = text.trim();
        int colon = value.indexOf(':');
        if (colon >= 0) {
            if (colon != value.lastIndexOf(':')) {
                return IpAddress.parse(text).map(IpAddress::toString); // IPv6: not what this test is about
            }
            String port = value.substring(colon + 1);
            if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            value = value.substring(0, colon);
        }
        Matcher matcher = FOUR_OCTETS.matcher(value);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        StringBuilder canonical = new StringBuilder();
        for (int group = 1; group <= 4; group++) {
            int octet = Integer.parseInt(matcher.group(group));
            if (octet > 255) {
                return Optional.empty();
            }
            canonical.append(group > 1 ? "." : "").append(octet);
        }
        return Optional.of(canonical.toString());
    }
}
