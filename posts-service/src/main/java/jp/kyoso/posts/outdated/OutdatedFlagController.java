package jp.kyoso.posts.outdated;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jp.kyoso.platform.security.CurrentMember;
import jp.kyoso.posts.Messages;
import jp.kyoso.posts.post.PostView;
import jp.kyoso.posts.shared.BadRequest;
import jp.kyoso.posts.shared.Page;
import jp.kyoso.posts.shared.PageLimits;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * 情報が古い（要確認）: any member flags a post that may be out of date; moderators confirm or clear the flags. Only
 * moderators clear, the author too must ask one: the banner warns readers, and an author's own word that their post
 * is still right is what a moderator should check.
 */
@RestController
@Tag(name = "outdated", description = "情報が古い可能性がある投稿（要確認） / Posts that may be out of date")
class OutdatedFlagController {
    static final String MODERATORS = "hasAnyRole('MODERATOR','ADMIN')";

    private final OutdatedFlags flags;

    OutdatedFlagController(OutdatedFlags flags) {
        this.flags = flags;
    }

    @PostMapping("/api/posts/{postId}/outdated-flags")
    @Operation(operationId = "flagPostOutdated",
            summary = "投稿を要確認（法改正・通知の改正）として報告する / Flag a post as possibly out of date")
    ResponseEntity<FlagView> flag(@AuthenticationPrincipal Jwt jwt, @PathVariable String postId,
                                  @Valid @RequestBody FlagOutdatedRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(flags.flag(postId, CurrentMember.of(jwt), request.reason(), request.link()));
    }

    @PostMapping("/api/posts/{postId}/outdated-flags/confirm")
    @Operation(operationId = "confirmPostOutdated",
            summary = "要確認を確認済みにする（モデレーター） / Confirm that a flagged post is out of date (moderators)")
    @PreAuthorize(MODERATORS)
    PostView confirm(@AuthenticationPrincipal Jwt jwt, @PathVariable String postId,
                     @Valid @RequestBody(required = false) OutdatedNoteRequest request) {
        CurrentMember moderator = CurrentMember.of(jwt);
        return PostView.of(flags.confirm(postId, moderator, request == null ? null : request.note()),
                moderator.id());
    }

    @PostMapping("/api/posts/{postId}/outdated-flags/clear")
    @Operation(operationId = "clearPostOutdated",
            summary = "要確認を解除する（モデレーター） / Clear a post's outdated flags (moderators)")
    @PreAuthorize(MODERATORS)
    PostView clear(@AuthenticationPrincipal Jwt jwt, @PathVariable String postId,
                   @Valid @RequestBody(required = false) OutdatedNoteRequest request) {
        CurrentMember moderator = CurrentMember.of(jwt);
        return PostView.of(flags.clear(postId, moderator, request == null ? null : request.note()), moderator.id());
    }

    @GetMapping("/api/moderation/outdated-flags")
    @Operation(operationId = "listOutdatedFlags",
            summary = "要確認の報告がある投稿（新しい報告順、モデレーター） / Posts flagged as out of date, newest flag first (moderators)")
    @PreAuthorize(MODERATORS)
    Page<FlaggedPostView> list(@Parameter(description = "OPEN（既定: FLAGGED と CONFIRMED） / OPEN (default: FLAGGED and "
                                       + "CONFIRMED), FLAGGED, CONFIRMED, CLEARED")
                               @RequestParam(required = false, defaultValue = "OPEN") String status,
                               @RequestParam(required = false) Integer limit,
                               @RequestParam(required = false) String cursor) {
        OutdatedFlags.ListState state;
        try {
            state = OutdatedFlags.ListState.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw BadRequest.field("status",
                    Messages.get("outdated.status.invalid"));
        }
        return flags.list(state, cursor, PageLimits.of(limit));
    }
}
