package jp.kyoso.notifications.inbox;

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
@RequestMapping("/api/notifications")
class InboxController {
    private final InboxStore inbox;

    InboxController(InboxStore inbox) {
        this.inbox = inbox;
    }

    @GetMapping
    Page<NotificationItem> list(@AuthenticationPrincipal Jwt jwt,
                                @RequestParam(defaultValue = "false") boolean unreadOnly,
                                @RequestParam(required = false) Integer limit,
                                @RequestParam(required = false) String cursor) {
        int size = KeysetCursor.limit(limit);
        return Page.of(inbox.page(CurrentMember.of(jwt).id(), unreadOnly, KeysetCursor.decode(cursor), size + 1), size,
                item -> new KeysetCursor(item.createdAt(), item.id()));
    }

    @GetMapping("/unread-count")
    UnreadCount unreadCount(@AuthenticationPrincipal Jwt jwt) {
        return new UnreadCount(inbox.unreadCount(CurrentMember.of(jwt).id()));
    }

    @PostMapping("/{id}/read")
    ResponseEntity<Void> read(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        if (!inbox.markRead(CurrentMember.of(jwt).id(), id)) {
            throw ApiProblem.notFound("通知が見つかりません / No such notification");
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/read-all")
    ResponseEntity<Void> readAll(@AuthenticationPrincipal Jwt jwt) {
        inbox.markAllRead(CurrentMember.of(jwt).id());
        return ResponseEntity.noContent().build();
    }

    record UnreadCount(long count) {
    }
}
