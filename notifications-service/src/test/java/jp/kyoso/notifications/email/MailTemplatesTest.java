package jp.kyoso.notifications.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jp.kyoso.notifications.delivery.WebLinks;
import jp.kyoso.notifications.inbox.Actor;
import jp.kyoso.notifications.inbox.NotificationItem;
import jp.kyoso.notifications.inbox.NotificationType;
import org.junit.jupiter.api.Test;

class MailTemplatesTest {
    private final MailTemplates templates = new MailTemplates(new WebLinks("https://kyoso.example/"));

    @Test
    void aNoticeMailListsAtMostThirtyNoticesAndCountsTheRest() {
        List<NotificationItem> newestFirst = new ArrayList<>();
        for (int i = 0; i < MailTemplates.LISTED_NOTICES; i++) {
            newestFirst.add(reply(i));
        }

        Mail mail = templates.notices("a@town.example.lg.jp", "儀間 聡子", newestFirst, 412);

        assertThat(mail.subject()).contains("新しい通知が 412 件あります / 412 new notifications");
        assertThat(count(mail.text(), "■ ")).isEqualTo(MailTemplates.LISTED_NOTICES);
        assertThat(mail.text()).contains("ほか 382 件は通知一覧でご覧ください。 / 382 more in your notifications.")
                .contains("https://kyoso.example/notifications");
    }

    @Test
    void aMailOfFewNoticesListsThemAllAndMentionsNoRest() {
        Mail mail = templates.notices("a@town.example.lg.jp", "儀間 聡子", List.of(reply(1), reply(2)));

        assertThat(mail.subject()).contains("新しい通知が 2 件あります");
        assertThat(count(mail.text(), "■ ")).isEqualTo(2);
        assertThat(mail.text()).doesNotContain("ほか").doesNotContain("more in your notifications");
    }

    private static NotificationItem reply(int i) {
        return new NotificationItem("m-1:n-" + i, NotificationType.REPLY, false, Instant.parse("2026-11-29T00:00:00Z"),
                new Actor("m-" + i, "返信者 " + i, false), "p-1", "r-" + i, "general", "住民票の広域交付", "本文 " + i,
                null);
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
