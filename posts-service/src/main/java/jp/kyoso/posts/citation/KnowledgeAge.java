package jp.kyoso.posts.citation;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;

/**
 * Whether what a post cites may be out of date (「情報が古い可能性があります」): it cites something, and the newest date
 * among its citations is older than {@code kyoso.knowledge.stale-after}. A citation's date is its date of issue when
 * the text gives one (a notice), else the post's creation: a law named without a date is as current as the post
 * that named it. Days are counted in Japan, where the laws and notices are dated.
 *
 * <p>Views of posts are made by static factories in many places (the post, the feed, sessions, answers, search), so
 * the setting of this process is held here, installed once by {@link KnowledgeAgeSetup} from the properties and the
 * clock; until then (a test of a view without Spring) it is the default, two years by the system clock.
 */
public final class KnowledgeAge {
    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static volatile KnowledgeAge current = new KnowledgeAge(Period.ofYears(2), Clock.systemUTC());

    private final Period staleAfter;
    private final Clock clock;

    KnowledgeAge(Period staleAfter, Clock clock) {
        this.staleAfter = staleAfter;
        this.clock = clock;
    }

    public static KnowledgeAge current() {
        return current;
    }

    static void install(KnowledgeAge age) {
        current = age;
    }

    /** @param postCreatedAt the date of the citations that give none */
    public boolean mayBeOutdated(List<Citation> citations, Instant postCreatedAt) {
        LocalDate newest = newestDate(citations, postCreatedAt);
        return newest != null && newest.isBefore(LocalDate.now(clock.withZone(JAPAN)).minus(staleAfter));
    }

    /** The newest date among the citations, or null when there are none. */
    static LocalDate newestDate(List<Citation> citations, Instant postCreatedAt) {
        if (citations == null || citations.isEmpty()) {
            return null;
        }
        LocalDate posted = postCreatedAt == null ? null : LocalDate.ofInstant(postCreatedAt, JAPAN);
        LocalDate newest = null;
        for (Citation citation : citations) {
            LocalDate date = citation.issuedOn() != null ? citation.issuedDate() : posted;
            if (date != null && (newest == null || date.isAfter(newest))) {
                newest = date;
            }
        }
        return newest;
    }
}
