package jp.kyoso.notifications.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import jp.kyoso.notifications.support.NotificationsTestBase;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The INSTANT mails of one window leave spread over {@code kyoso.mail.instant-spread} after the grace (300 ms in
 * the tests), each member's at its own moment, and the same moment in every window: the watchers of a busy thread are
 * not all mailed in the same instant.
 */
class InstantMailSpreadTest extends NotificationsTestBase {
    @Autowired
    InstantMails instantMails;
    @Autowired
    MailSettings settings;

    @Test
    void theMailsOfOneWindowLeaveAtEachMembersOwnMomentWithinTheSpread() {
        // a window well ahead, so that no worker takes the mails while the test looks at them
        Instant windowStart = Instant.parse("2099-01-01T00:00:00Z");
        Instant windowEnd = windowStart.plus(settings.instantWindow());
        Instant earliest = windowEnd.plus(settings.instantGrace());
        List<String> members = IntStream.range(0, 20).mapToObj(i -> unique("watcher-" + i)).toList();
        instantMails.expect(members.stream()
                .map(member -> new InstantMails.Notice(member, member + ":" + unique("e"), windowStart.plusMillis(10)))
                .toList());

        List<Instant> dueTimes = members.stream().map(member -> dueAt(member, windowStart)).toList();
        assertThat(dueTimes).allSatisfy(dueAt -> assertThat(dueAt)
                .isAfterOrEqualTo(earliest).isBefore(earliest.plus(settings.instantSpread())));
        Set<Instant> distinct = dueTimes.stream().collect(Collectors.toSet());
        assertThat(distinct).as("twenty members' mails spread over the spread").hasSizeGreaterThan(10);

        // the next window: the same member leaves at the same point of it
        Instant nextStart = windowEnd;
        String member = members.get(0);
        instantMails.expect(List.of(new InstantMails.Notice(member, member + ":" + unique("e"), nextStart)));
        assertThat(Duration.between(dueTimes.get(0), dueAt(member, nextStart))).isEqualTo(settings.instantWindow());
    }

    private Instant dueAt(String memberId, Instant windowStart) {
        long index = windowStart.toEpochMilli() / settings.instantWindow().toMillis();
        Document queued = mongo.findById(InstantMails.deliveryId(memberId, index), Document.class, "delivery_queue");
        assertThat(queued).as("the mail of %s is queued", memberId).isNotNull();
        return queued.getDate("dueAt").toInstant();
    }
}
