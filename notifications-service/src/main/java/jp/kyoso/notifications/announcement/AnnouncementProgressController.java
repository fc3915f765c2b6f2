package jp.kyoso.notifications.announcement;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.kyoso.notifications.Messages;
import jp.kyoso.notifications.delivery.Channel;
import jp.kyoso.notifications.delivery.DeliveryStore;
import jp.kyoso.notifications.email.AnnouncementMails;
import jp.kyoso.platform.web.ApiProblem;
import org.bson.Document;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/notifications/announcements/{postId}/progress} (moderators): how far an announcement's fan-out and
 * deliveries have got, for the console to poll while it is sent. A handful of reads by key and index counts, however
 * many members there are. 404 until the fan-out has started: the console asks right after publishing, before the
 * event has arrived here.
 */
@RestController
@Tag(name = "moderation", description = "運営（モデレーター） / Moderators")
@PreAuthorize("hasAnyRole('MODERATOR', 'ADMIN')")
class AnnouncementProgressController {
    private final AnnouncementProgressStore progress;
    private final DeliveryStore deliveries;

    AnnouncementProgressController(AnnouncementProgressStore progress, DeliveryStore deliveries) {
        this.progress = progress;
        this.deliveries = deliveries;
    }

    @GetMapping("/api/notifications/announcements/{postId}/progress")
    @Operation(operationId = "getAnnouncementProgress",
            summary = "お知らせの配信状況 / Progress of an announcement's delivery")
    AnnouncementProgress get(@PathVariable String postId) {
        Document document = progress.find(postId);
        if (document == null) {
            throw ApiProblem.notFound(Messages.get("announcement.not-started"));
        }
        String eventId = document.getString("eventId");
        return AnnouncementProgress.of(document, deliveries.find(AnnouncementMails.deliveryId(eventId)),
                deliveries.countForEvent(eventId, Channel.SLACK),
                () -> deliveries.lastChangeForEvent(eventId, Channel.SLACK));
    }
}
