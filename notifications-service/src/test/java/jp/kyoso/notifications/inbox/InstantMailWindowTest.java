package jp.kyoso.notifications.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import jp.kyoso.notifications.support.NotificationsTestBase;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A notice mail reads its window's notices a page at a time ({@link InboxStore#inInstantMail}): across pages, across
 * notices of the same millisecond on both sides of a page's end, and across more of them than a page holds, it gets
 * each notice of the window once, oldest first, and none of another window, another member, or kept out of mails.
 */
class InstantMailWindowTest extends NotificationsTestBase {
    @Autowired
    InboxStore inbox;

    @Test
    @Timeout(30) // a page that never moves on would read forever
    void aWindowOfMorePagesThanOneIsReadWholeOnceAndInOrder() {
        String memberId = unique("window-reader");
        Instant from = Instant.parse("2026-11-30T09:00:00Z");
        Instant until = from.plus(Duration.ofSeconds(20));
        List<Document> inWindow = new ArrayList<>();
        // three notices per millisecond step, so that a page can end between two of the same time
        int notices = InboxStore.WINDOW_PAGE * 2 + InboxStore.WINDOW_PAGE / 2;
        for (int i = 0; i < notices; i++) {
            inWindow.add(notice(memberId, "n" + (notices - i), from.plusMillis(100L * (i / 3)), i % 10 != 7));
        }
        // and more than a page in one millisecond (an import, a burst on two instances)
        Instant crowded = from.plusSeconds(15);
        for (int i = 0; i < InboxStore.WINDOW_PAGE * 5 / 2; i++) {
            inWindow.add(notice(memberId, "c" + i, crowded, true));
        }
        List<Document> others = List.of(
                notice(memberId, "before", from.minusMillis(1), true),
                notice(memberId, "at-the-end", until, true),
                notice(unique("someone-else"), "same-window", from.plusMillis(500), true));
        mongo.insert(inWindow, InboxStore.COLLECTION);
        mongo.insert(others, InboxStore.COLLECTION);

        List<String> expected = inWindow.stream()
                .filter(notice -> notice.getBoolean(InboxStore.IN_INSTANT_MAIL))
                .sorted(Comparator.comparing((Document notice) -> notice.getDate("createdAt"))
                        .thenComparing(notice -> notice.getString("_id")))
                .map(notice -> notice.getString("_id"))
                .toList();
        assertThat(expected).hasSizeGreaterThan(InboxStore.WINDOW_PAGE * 2);
        assertThat(inbox.inInstantMail(memberId, from, until)).containsExactlyElementsOf(expected);
    }

    private static Document notice(String memberId, String event, Instant createdAt, boolean inInstantMail) {
        return new Document("_id", memberId + ":" + event).append("memberId", memberId)
                .append("type", NotificationType.REPLY.name()).append("read", false)
                .append("createdAt", Date.from(createdAt)).append(InboxStore.IN_INSTANT_MAIL, inInstantMail);
    }
}
