package jp.kyoso.notifications.delivery;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.Operation;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import jp.kyoso.notifications.Messages;
import jp.kyoso.notifications.paging.KeysetCursor;
import jp.kyoso.notifications.paging.Page;
import jp.kyoso.platform.web.ApiProblem;
import jp.kyoso.platform.web.ProblemTexts;
import org.bson.Document;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/notifications/deliveries} (moderators): every mail and Slack delivery, newest first, with its status,
 * attempts and last error; optionally filtered by {@code status} (SENT, RETRYING, FAILED as API.md names them: a
 * delivery not tried yet is RETRYING with no attempts) and {@code channel}. Recipients are masked and mail bodies are
 * never shown (a verification mail holds a token).
 */
@RestController
@Tag(name = "moderation", description = "運営（モデレーター） / Moderators")
@PreAuthorize("hasAnyRole('MODERATOR', 'ADMIN')")
class DeliveryLogController {
    private final DeliveryStore store;

    DeliveryLogController(DeliveryStore store) {
        this.store = store;
    }

    @GetMapping("/api/notifications/deliveries")
    @Operation(operationId = "listDeliveries", summary = "メールと Slack の配信記録 / Mail and Slack delivery log")
    Page<DeliveryView> list(@RequestParam(required = false) String status,
                            @RequestParam(required = false) String channel,
                            @RequestParam(required = false) Integer limit,
                            @RequestParam(required = false) String cursor) {
        int size = KeysetCursor.limit(limit);
        List<DeliveryView> items = store.page(statuses(status), checkedChannel(channel), KeysetCursor.decode(cursor),
                size + 1).stream().map(DeliveryView::of).toList();
        return Page.of(items, size, item -> new KeysetCursor(item.createdAt(), item.id()));
    }

    private static List<String> statuses(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        return switch (status) {
            case "SENT", "FAILED" -> List.of(status);
            case "RETRYING" -> List.of(DeliveryStatus.RETRYING.name(), DeliveryStatus.PENDING.name());
            default -> throw invalid("status");
        };
    }

    private static String checkedChannel(String channel) {
        if (channel == null || channel.isBlank()) {
            return null;
        }
        try {
            return Channel.valueOf(channel).name();
        } catch (IllegalArgumentException e) {
            throw invalid("channel");
        }
    }

    private static ApiProblem invalid(String field) {
        String message = Messages.get("delivery.filter.invalid-value", field);
        return new ApiProblem(HttpStatus.BAD_REQUEST, ProblemTexts.title(HttpStatus.BAD_REQUEST), message,
                List.of(new ApiProblem.FieldProblem(field, message)));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DeliveryView(String id, String channel, String kind, String memberId, String recipient, String subject,
                        List<String> notificationIds, String status, int attempts, String lastError, String note,
                        Instant createdAt, Instant updatedAt, Instant sentAt) {
        static DeliveryView of(Document d) {
            return new DeliveryView(d.getString("_id"), d.getString("channel"), d.getString("kind"),
                    d.getString("memberId"), d.getString("recipient"), d.getString("subject"),
                    notices(d), DeliveryStatus.valueOf(d.getString("status")).shown(),
                    d.getInteger("attempts", 0), d.getString("lastError"), d.getString("note"),
                    instant(d.get("createdAt")), instant(d.get("updatedAt")), instant(d.get("sentAt")));
        }

        /**
         * The notices it carries: those collected into it by id and those it mailed (an INSTANT mail reads its
         * window's notices when it leaves, so before that it lists none of them).
         */
        private static List<String> notices(Document d) {
            List<String> collected = d.getList("notificationIds", String.class);
            List<String> mailed = d.getList("mailedIds", String.class);
            if (mailed == null || mailed.isEmpty()) {
                return collected;
            }
            LinkedHashSet<String> all = new LinkedHashSet<>(collected == null ? List.of() : collected);
            all.addAll(mailed);
            return List.copyOf(all);
        }

        private static Instant instant(Object value) {
            return value instanceof Date date ? date.toInstant() : null;
        }
    }
}
