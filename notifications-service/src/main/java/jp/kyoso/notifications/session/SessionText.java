package jp.kyoso.notifications.session;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import jp.kyoso.notifications.Messages;

/**
 * The snippets of the session notices: Japanese first, then English, as the other notices' texts. The words are in the
 * message file ({@code session.*}); the date and time formats stay here.
 */
final class SessionText {
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter DAY_JA = DateTimeFormatter.ofPattern("yyyy年M月d日(E)", Locale.JAPANESE);
    private static final DateTimeFormatter DAY_EN = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private SessionText() {
    }

    static String followUp() {
        return Messages.get("session.follow-up");
    }

    /**
     * When and where, in Japan time: {@code 2026年12月5日(土) 14:00〜16:00（日本時間） 会場: 那覇市IT創造館 / Sat 5 Dec 2026,
     * 14:00–16:00 JST, at 那覇市IT創造館}.
     */
    static String reminder(SessionView.Session session) {
        ZonedDateTime start = session.startsAt().atZone(TOKYO);
        ZonedDateTime end = session.endsAt().atZone(TOKYO);
        boolean sameDay = start.toLocalDate().equals(end.toLocalDate());
        String whenJa = sameDay
                ? Messages.get("session.when.same-day.ja", DAY_JA.format(start), TIME.format(start), TIME.format(end))
                : Messages.get("session.when.ja", DAY_JA.format(start), TIME.format(start), DAY_JA.format(end),
                        TIME.format(end));
        String whenEn = sameDay
                ? Messages.get("session.when.same-day.en", DAY_EN.format(start), TIME.format(start), TIME.format(end))
                : Messages.get("session.when.en", DAY_EN.format(start), TIME.format(start), DAY_EN.format(end),
                        TIME.format(end));
        String place = session.place();
        boolean online = session.onlineUrl() != null;
        String whereJa;
        String whereEn;
        if (place != null && online) {
            whereJa = Messages.get("session.where.place-or-online.ja", place);
            whereEn = Messages.get("session.where.place-or-online.en", place);
        } else if (place != null) {
            whereJa = Messages.get("session.where.place.ja", place);
            whereEn = Messages.get("session.where.place.en", place);
        } else if (online) {
            whereJa = Messages.get("session.where.online.ja");
            whereEn = Messages.get("session.where.online.en");
        } else {
            return Messages.get("session.reminder.when", whenJa, whenEn);
        }
        return Messages.get("session.reminder.when-and-where", whenJa, whenEn, whereJa, whereEn);
    }
}
