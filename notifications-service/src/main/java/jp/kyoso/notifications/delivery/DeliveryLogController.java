package jp.kyoso.notifications.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import jp.kyoso.notifications.paging.KeysetCursor;
import jp.kyoso.notifications.paging.Page;
import jp.kyoso.platform.web.ApiProblem;
import org.bson.Document;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/notifications/deliveries} (moderators): every mail and Slack delivery, newest first, with its status,
 * attempts and last error; optionally filtered by {@code status} and {@code channel}. Recipients are masked and mail
 * bodies are never shown (a verification mail holds a token).
 */
@RestController
@PreAuthorize("hasAnyRole('MODERATOR', 'ADMIN')")
class DeliveryLogController {
    private final DeliveryStore store;

    DeliveryLogController(DeliveryStore store) {
        this.store = store;
    }

    @GetMapping("/api/notifications/deliveries")
    Page<DeliveryView> list(@RequestParam(required = false) String status,
                            @RequestParam(required = false) String channel,
                            @RequestParam(required = false) Integer limit,
                            @RequestParam(required = false) String cursor) {
        int size = KeysetCursor.limit(limit);
        KeysetCursor after = KeysetCursor.decode(cursor);
        List<DeliveryView> items = store.page(checked("status", status, DeliveryStatus.class),
                checked("channel", channel, Channel.class), after, size + 1).stream().map(DeliveryView::of).toList();
        if (items.size() <= size) {
            return new Page<>(items, null);
        }
        DeliveryView last = items.get(size - 1);
        return new Page<>(items.subList(0, size), new KeysetCursor(last.createdAt(), last.id()).encode());
    }

    private static <E extends Enum<E>> String checked(String field, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value).name();
        } catch (IllegalArgumentException e) {
            String message = "値が正しくありません / Invalid value: " + field;
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "リクエストが正しくありません / Bad request", message,
                    List.of(new ApiProblem.FieldProblem(field, message)));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DeliveryView(String id, String channel, String kind, String memberId, String recipient, String subject,
                        List<String> notificationIds, String status, int attempts, String lastError, String note,
                        Instant createdAt, Instant updatedAt, Instant sentAt) {
        static DeliveryView of(Document d) {
            return new DeliveryView(d.getString("_id"), d.getString("channel"), d.getString("kind"),
                    d.getString("memberId"), d.getString("recipient"), d.getString("subject"),
                    d.getList("notificationIds", String.class), d.getString("status"), d.getInteger("attempts", 0),
                    d.getString("lastError"), d.getString("note"), instant(d.get("createdAt")),
                    instant(d.get("updatedAt")), instant(d.get("sentAt")));
        }

        private static Instant instant(Object value) {
            return value instanceof Date date ? date.toInstant() : null;
        }
    }
}
