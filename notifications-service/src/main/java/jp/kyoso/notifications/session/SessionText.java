package jp.kyoso.notifications.session;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The snippets of the session notices: Japanese first, then English, as the other notices' texts. */
final class SessionText {
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter DAY_JA = DateTimeFormatter.ofPattern("yyyy年M月d日(E)", Locale.JAPANESE);
    private static final DateTimeFormatter DAY_EN = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    static final String FOLLOW_UP = "参加ありがとうございました。ふりかえりをこのスレッドに書きませんか / "
            + "Thanks for coming: share what you learned in the thread";

    private SessionText() {
    }

    /**
     * When and where, in Japan time: {@code 2026年12月5日(土) 14:00〜16:00（日本時間） 会場: 那覇市IT創造館 / Sat 5 Dec 2026,
     * 14:00–16:00 JST, at 那覇市IT創造館}.
     */
    static String reminder(SessionView.Session session) {
        ZonedDateTime start = session.startsAt().atZone(TOKYO);
        ZonedDateTime end = session.endsAt().atZone(TOKYO);
        boolean sameDay = start.toLocalDate().equals(end.toLocalDate());
        String whenJa = DAY_JA.format(start) + " " + TIME.format(start) + "〜"
                + (sameDay ? "" : DAY_JA.format(end) + " ") + TIME.format(end) + "（日本時間）";
        String whenEn = DAY_EN.format(start) + ", " + TIME.format(start) + "–"
                + (sameDay ? "" : DAY_EN.format(end) + ", ") + TIME.format(end) + " JST";
        String place = session.place();
        boolean online = session.onlineUrl() != null;
        String whereJa;
        String whereEn;
        if (place != null && online) {
            whereJa = "会場: " + place + "（オンライン参加可）";
            whereEn = "at " + place + " or online";
        } else if (place != null) {
            whereJa = "会場: " + place;
            whereEn = "at " + place;
        } else if (online) {
            whereJa = "オンライン開催";
            whereEn = "online";
        } else {
            return whenJa + " / " + whenEn;
        }
        return whenJa + " " + whereJa + " / " + whenEn + ", " + whereEn;
    }
}
