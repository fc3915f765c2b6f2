package jp.kyoso.notifications.stream;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.Operation;
import java.io.IOException;
import jp.kyoso.notifications.inbox.InboxStore;
import jp.kyoso.notifications.inbox.NotificationItem;
import jp.kyoso.platform.security.CurrentMember;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/notifications/stream}: each new notice of the caller as an event {@code notification} whose
 * {@code id} is the notice's id and whose data is the notice as the inbox shows it; a comment line as heartbeat. A
 * client that reconnects with {@code Last-Event-ID} first gets the notices stored since that one (up to 100), with
 * those created up to {@code kyoso.stream.replay-look-back} before it, which it may have had already (see
 * {@link InboxStore#missedSince}): a client shows a notice id once. The stream ends with an event {@code closed}
 * ({@code {"reason": "TOKEN_EXPIRED" | "TOKEN_REVOKED" | "TOO_MANY_STREAMS"}}) at the token's {@code exp}, when the
 * token is revoked, or when the member opens more than {@code kyoso.stream.max-per-member} streams (the oldest goes).
 */
@RestController
@Tag(name = "inbox", description = "通知の受信箱 / Inbox")
class StreamController {
    private static final int REPLAY_LIMIT = 100;

    private final LiveStreams liveStreams;
    private final InboxStore inbox;
    private final StreamProperties properties;

    StreamController(LiveStreams liveStreams, InboxStore inbox, StreamProperties properties) {
        this.liveStreams = liveStreams;
        this.inbox = inbox;
        this.properties = properties;
    }

    @GetMapping(path = "/api/notifications/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(operationId = "streamNotifications",
            summary = "新しい通知のライブストリーム (SSE) / Live stream of new notifications (SSE)")
    SseEmitter stream(@AuthenticationPrincipal Jwt jwt,
                      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) throws IOException {
        String memberId = CurrentMember.of(jwt).id();
        OpenStream stream = liveStreams.open(jwt);
        // sends the headers at once, from this thread, so the client knows the stream is open before anything happens
        stream.connected();
        if (lastEventId != null && !lastEventId.isBlank()) {
            for (NotificationItem item : inbox.missedSince(memberId, lastEventId, properties.replayLookBack(),
                    REPLAY_LIMIT)) {
                stream.show(item);
            }
        }
        return stream.emitter();
    }
}
