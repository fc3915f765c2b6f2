package jp.kyoso.notifications.inbox;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.Operation;
import jp.kyoso.notifications.Messages;
import jp.kyoso.notifications.paging.KeysetCursor;
import jp.kyoso.notifications.paging.Page;
import jp.kyoso.platform.security.CurrentMember;
import jp.kyoso.platform.web.ApiProblem;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's inbox, newest first. */
@RestController
@Tag(name = "inbox", description = "通知の受信箱 / Inbox")
@RequestMapping("/api/notifications")
class InboxController {
    private final InboxStore inbox;

    InboxController(InboxStore inbox) {
        this.inbox = inbox;
    }

    @GetMapping
    @Operation(operationId = "listNotifications", summary = "自分の通知（新しい順） / Own notifications, newest first")
    Page<NotificationItem> list(@AuthenticationPrincipal Jwt jwt,
                                @RequestParam(defaultValue = "false") boolean unreadOnly,
                                @RequestParam(required = false) Integer limit,
                                @RequestParam(required = false) String cursor) {
        int size = KeysetCursor.limit(limit);
        return Page.of(inbox.page(CurrentMember.of(jwt).id(), unreadOnly, KeysetCursor.decode(cursor), size + 1), size,
                item -> new KeysetCursor(item.createdAt(), item.id()));
    }

    @GetMapping("/unread-count")
    @Operation(operationId = "getUnreadCount", summary = "未読の数 / Number of unread notifications")
    UnreadCount unreadCount(@AuthenticationPrincipal Jwt jwt) {
        return new UnreadCount(inbox.unreadCount(CurrentMember.of(jwt).id()));
    }

    @PostMapping("/{id}/read")
    @Operation(operationId = "markNotificationRead", summary = "通知を既読にする / Mark a notification read")
    ResponseEntity<Void> read(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        if (!inbox.markRead(CurrentMember.of(jwt).id(), id)) {
            throw ApiProblem.notFound(Messages.get("inbox.notification-not-found"));
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/read-all")
    @Operation(operationId = "markAllNotificationsRead", summary = "すべて既読にする / Mark every notification read")
    ResponseEntity<Void> readAll(@AuthenticationPrincipal Jwt jwt) {
        inbox.markAllRead(CurrentMember.of(jwt).id());
        return ResponseEntity.noContent().build();
    }

    record UnreadCount(long count) {
    }
}
