package jp.kyoso.posts.session;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import jp.kyoso.platform.web.ApiProblem.FieldProblem;
import jp.kyoso.posts.Messages;
import jp.kyoso.posts.shared.TextLength;

/**
 * The rules of a session's schedule: startsAt before endsAt, a start in the future (on publishing, and on an edit
 * that moves it), capacity 1..10,000, a place or an online URL (http or https), a prefecture of the 47 or none.
 * Problems are reported per field as {@code session.<field>}.
 */
public final class SessionRules {
    public static final int MAX_CAPACITY = 10_000;
    static final int MAX_PLACE = 200;
    static final int MAX_URL = 2_000;

    private SessionRules() {
    }

    /**
     * @param current  the schedule stored now (an edit: absent fields keep their values), or null when publishing
     * @param problems receives one problem per invalid field
     * @return the schedule, or null when a field is invalid
     */
    public static SessionSchedule check(SessionRequest request, SessionSchedule current, Instant now,
                                        List<FieldProblem> problems) {
        int before = problems.size();
        Instant startsAt = time(request.startsAt(), "startsAt", current == null ? null : current.startsAt(),
                problems);
        Instant endsAt = time(request.endsAt(), "endsAt", current == null ? null : current.endsAt(), problems);
        String place = text(request.place(), current == null ? null : current.place());
        String onlineUrl = text(request.onlineUrl(), current == null ? null : current.onlineUrl());
        String prefecture = text(request.prefecture(), current == null ? null : current.prefecture());
        Integer capacity = request.capacity() != null ? request.capacity()
                : current == null ? null : Integer.valueOf(current.capacity());

        // a session already under way may be edited (its end, its place) without moving its start
        boolean startUnchanged = current != null && startsAt != null && startsAt.equals(current.startsAt());
        if (startsAt != null && !startUnchanged && !startsAt.isAfter(now)) {
            problems.add(problem("startsAt", Messages.get("session.starts-at.past")));
        }
        if (startsAt != null && endsAt != null && !startsAt.isBefore(endsAt)) {
            problems.add(problem("endsAt", Messages.get("session.ends-at.before-start")));
        }
        if (capacity == null) {
            problems.add(problem("capacity", Messages.get("session.capacity.required")));
        } else if (capacity < 1 || capacity > MAX_CAPACITY) {
            problems.add(problem("capacity", Messages.get("session.capacity.out-of-range")));
        }
        if (place == null && onlineUrl == null) {
            problems.add(problem("place", Messages.get("session.place.required")));
        }
        if (place != null && TextLength.of(place) > MAX_PLACE) {
            problems.add(problem("place", Messages.get("session.place.too-long")));
        }
        if (onlineUrl != null && !isWebAddress(onlineUrl)) {
            problems.add(problem("onlineUrl", Messages.get("session.online-url.invalid")));
        }
        if (prefecture != null && !Prefectures.NAMES.contains(prefecture)) {
            problems.add(problem("prefecture", Messages.get("session.prefecture.invalid")));
        }
        if (problems.size() > before) {
            return null;
        }
        return new SessionSchedule(startsAt, endsAt, place, onlineUrl, prefecture, capacity);
    }

    private static Instant time(String value, String field, Instant current, List<FieldProblem> problems) {
        if (value == null) {
            if (current == null) {
                problems.add(problem(field, Messages.get("session.time.required", field)));
            }
            return current;
        }
        try {
            // MongoDB keeps milliseconds
            return OffsetDateTime.parse(value.strip()).toInstant().truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            problems.add(problem(field, Messages.get("session.time.invalid", field)));
            return null;
        }
    }

    /** Absent: keep the current value; blank: none. */
    private static String text(String value, String current) {
        if (value == null) {
            return current;
        }
        return value.isBlank() ? null : value.strip();
    }

    private static boolean isWebAddress(String value) {
        if (value.length() > MAX_URL) {
            return false;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static FieldProblem problem(String field, String message) {
        return new FieldProblem("session." + field, message);
    }
}
