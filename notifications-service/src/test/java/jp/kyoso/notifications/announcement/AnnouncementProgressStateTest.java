package jp.kyoso.notifications.announcement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import jp.kyoso.notifications.announcement.AnnouncementProgress.State;
import jp.kyoso.notifications.delivery.DeliveryStore.EventCounts;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The state and the mail's numbers as they follow from the stored documents, without the service around them. */
class AnnouncementProgressStateTest {
    private static final Instant STARTED = Instant.parse("2026-11-28T09:00:00Z");
    private static final EventCounts NO_SLACK = new EventCounts(0, 0, 0);

    private static Document progress() {
        return new Document("_id", "p-1").append("eventId", "e-1").append("title", "お知らせ")
                .append("recipients", 12000L).append("inboxStored", 8000).append("startedAt", Date.from(STARTED))
                .append("mailPages", new Document("0", 3000).append("1", 2500));
    }

    private static Document mail(String status, int pages, int sent, int failed, Instant updatedAt) {
        return new Document("_id", "email:announcement:e-1").append("status", status).append("pages", pages)
                .append("sentCount", sent).append("failedCount", failed).append("updatedAt", Date.from(updatedAt));
    }

    @Test
    void whileChunksAreStoredItIsFanningOutAndTheMailWaitsForEveryPageWrittenSoFar() {
        AnnouncementProgress progress = AnnouncementProgress.of(progress(), null, NO_SLACK, () -> null);
        assertThat(progress.state()).isEqualTo(State.FANNING_OUT);
        assertThat(progress.recipients()).isEqualTo(12000);
        assertThat(progress.inboxStored()).isEqualTo(8000);
        assertThat(progress.mail()).isEqualTo(new AnnouncementProgress.MailProgress(5500, 0, 0, 5500));
        assertThat(progress.startedAt()).isEqualTo(STARTED);
        assertThat(progress.finishedAt()).isNull();
    }

    @Test
    void afterTheFanOutItDeliversUntilTheMailAndEverySlackMessageAreOver() {
        Document fannedOut = progress().append("fannedOutAt", Date.from(STARTED.plusSeconds(30)));
        Instant mailDone = STARTED.plusSeconds(300);
        AnnouncementProgress mailing = AnnouncementProgress.of(fannedOut,
                mail("RETRYING", 2, 4000, 2, STARTED.plusSeconds(60)), NO_SLACK, () -> null);
        assertThat(mailing.state()).isEqualTo(State.DELIVERING);
        assertThat(mailing.mail()).isEqualTo(new AnnouncementProgress.MailProgress(5500, 4000, 2, 1498));

        AnnouncementProgress slackWaits = AnnouncementProgress.of(fannedOut, mail("SENT", 2, 5490, 2, mailDone),
                new EventCounts(3, 1, 1), () -> null);
        assertThat(slackWaits.state()).isEqualTo(State.DELIVERING);
        assertThat(slackWaits.mail().waiting()).as("a member skipped since is not waited for").isZero();
        assertThat(slackWaits.slack()).isEqualTo(new AnnouncementProgress.SlackProgress(3, 1, 1, 1));

        Instant slackDone = STARTED.plusSeconds(400);
        AnnouncementProgress done = AnnouncementProgress.of(fannedOut, mail("SENT", 2, 5490, 2, mailDone),
                new EventCounts(3, 2, 1), () -> slackDone);
        assertThat(done.state()).isEqualTo(State.DONE);
        assertThat(done.finishedAt()).isEqualTo(slackDone);
    }

    @Test
    void aMailThatWasGivenUpIsOverAndWhatDidNotLeaveCountsAsFailed() {
        Document fannedOut = progress().append("fannedOutAt", Date.from(STARTED.plusSeconds(30)));
        Instant gaveUp = STARTED.plusSeconds(900);
        AnnouncementProgress progress = AnnouncementProgress.of(fannedOut, mail("FAILED", 2, 1000, 0, gaveUp),
                NO_SLACK, () -> null);
        assertThat(progress.state()).isEqualTo(State.DONE);
        assertThat(progress.mail()).isEqualTo(new AnnouncementProgress.MailProgress(5500, 1000, 4500, 0));
        assertThat(progress.finishedAt()).isEqualTo(gaveUp);
    }

    @Test
    void onlyThePagesTheQueuedMailReadsArePlanned() {
        // an attempt that started again wrote two pages where the first had written three
        Document pages = progress().append("mailPages", new Document("0", 3000).append("1", 2500).append("2", 700))
                .append("fannedOutAt", Date.from(STARTED.plusSeconds(30)));
        AnnouncementProgress progress = AnnouncementProgress.of(pages, mail("PENDING", 2, 0, 0, STARTED), NO_SLACK,
                () -> null);
        assertThat(progress.mail().planned()).isEqualTo(5500);
        assertThat(progress.mail().waiting()).isEqualTo(5500);
    }

    @Test
    void nobodyToMailAndNoSlackIsDoneOnceFannedOut() {
        Document quiet = new Document("_id", "p-2").append("eventId", "e-2").append("recipients", 1L)
                .append("inboxStored", 1).append("startedAt", Date.from(STARTED))
                .append("fannedOutAt", Date.from(STARTED.plusSeconds(1)));
        AnnouncementProgress progress = AnnouncementProgress.of(quiet, null, NO_SLACK, () -> null);
        assertThat(progress.state()).isEqualTo(State.DONE);
        assertThat(progress.mail()).isEqualTo(new AnnouncementProgress.MailProgress(0, 0, 0, 0));
        assertThat(progress.finishedAt()).isEqualTo(STARTED.plusSeconds(1));
    }
}
