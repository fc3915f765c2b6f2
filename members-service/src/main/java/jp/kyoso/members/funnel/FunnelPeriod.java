package jp.kyoso.members.funnel;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import jp.kyoso.members.Messages;
import jp.kyoso.members.support.InputProblems;

/** The registration days (JST, both ends included) whose members the funnel looks at. */
record FunnelPeriod(LocalDate from, LocalDate to) {
    static final ZoneId JST = ZoneId.of("Asia/Tokyo");
    private static final int DEFAULT_DAYS = 90;

    /** Missing ends default to the last 90 days, today included. */
    static FunnelPeriod parse(String from, String to) {
        LocalDate end = to == null || to.isBlank() ? LocalDate.now(JST) : date("to", to);
        LocalDate start = from == null || from.isBlank() ? end.minusDays(DEFAULT_DAYS - 1) : date("from", from);
        if (start.isAfter(end)) {
            throw InputProblems.malformed("from", Messages.get("funnel.from-after-to"));
        }
        return new FunnelPeriod(start, end);
    }

    Instant startInclusive() {
        return from.atStartOfDay(JST).toInstant();
    }

    Instant endExclusive() {
        return to.plusDays(1).atStartOfDay(JST).toInstant();
    }

    private static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw InputProblems.malformed(field, Messages.get("funnel.date.malformed", field));
        }
    }
}
