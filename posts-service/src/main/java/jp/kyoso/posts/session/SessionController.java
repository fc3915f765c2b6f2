package jp.kyoso.posts.session;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.Locale;
import jp.kyoso.platform.security.CurrentMember;
import jp.kyoso.posts.Messages;
import jp.kyoso.posts.post.PostView;
import jp.kyoso.posts.shared.BadRequest;
import jp.kyoso.posts.shared.Page;
import jp.kyoso.posts.shared.PageLimits;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Study sessions: posts of kind SESSION (published and edited through /api/posts), their RSVPs and attendance. */
@RestController
@Tag(name = "sessions", description = "勉強会 / Study sessions")
@RequestMapping("/api/sessions")
class SessionController {
    private static final String MODERATORS = "hasAnyRole('MODERATOR','ADMIN')";

    private final SessionList list;
    private final SessionRsvps rsvps;
    private final SessionAttendance attendance;

    SessionController(SessionList list, SessionRsvps rsvps, SessionAttendance attendance) {
        this.list = list;
        this.rsvps = rsvps;
        this.attendance = attendance;
    }

    /** {@code ?scope=upcoming} (default: not over yet, nearest first) or {@code past} (most recent first). */
    @GetMapping
    @Operation(operationId = "listSessions", summary = "勉強会の一覧 / List study sessions")
    Page<PostView> list(@AuthenticationPrincipal Jwt jwt,
                        @RequestParam(required = false, defaultValue = "upcoming") String scope,
                        @RequestParam(required = false) Integer limit,
                        @RequestParam(required = false) String cursor) {
        SessionList.Scope parsed;
        try {
            parsed = SessionList.Scope.valueOf(scope.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw BadRequest.field("scope", Messages.get("session.scope.invalid"));
        }
        return list.list(parsed, CurrentMember.of(jwt).id(), cursor, PageLimits.of(limit));
    }

    @PutMapping("/{postId}/rsvp")
    @Operation(operationId = "rsvpToSession", summary = "勉強会に申し込む（満席ならキャンセル待ち） / RSVP to a study session (waitlisted when full)")
    RsvpView rsvp(@AuthenticationPrincipal Jwt jwt, @PathVariable String postId) {
        return rsvps.rsvp(postId, CurrentMember.of(jwt));
    }

    @DeleteMapping("/{postId}/rsvp")
    @Operation(operationId = "cancelSessionRsvp", summary = "勉強会の申し込みを取り消す / Cancel one's RSVP to a study session")
    ResponseEntity<Void> cancel(@AuthenticationPrincipal Jwt jwt, @PathVariable String postId) {
        rsvps.cancel(postId, CurrentMember.of(jwt));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{postId}/attendees")
    @Operation(operationId = "listSessionAttendees", summary = "勉強会の申込者と出席（モデレーター） / A study session's attendees (moderators)")
    @PreAuthorize(MODERATORS)
    public Attendees attendees(@AuthenticationPrincipal Jwt jwt, @PathVariable String postId) {
        return attendance.attendees(postId, CurrentMember.of(jwt));
    }

    @PutMapping("/{postId}/attendance/{memberId}")
    @Operation(operationId = "markSessionAttendance", summary = "出席を記録する（モデレーター、受付開始後） / Mark attendance (moderators, once check-in has opened)")
    @PreAuthorize(MODERATORS)
    public AttendeeView mark(@AuthenticationPrincipal Jwt jwt, @PathVariable String postId, @PathVariable String memberId,
                             @Valid @RequestBody AttendanceRequest request) {
        return attendance.mark(postId, memberId, request.attended(), CurrentMember.of(jwt));
    }
}
