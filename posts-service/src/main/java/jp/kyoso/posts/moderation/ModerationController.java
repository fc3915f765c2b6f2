package jp.kyoso.posts.moderation;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jp.kyoso.platform.security.CurrentMember;
import jp.kyoso.posts.Messages;
import jp.kyoso.posts.shared.BadRequest;
import jp.kyoso.posts.shared.Page;
import jp.kyoso.posts.shared.PageLimits;
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

@RestController
@Tag(name = "moderation", description = "通報とモデレーション / Reports and moderation")
class ModerationController {
    static final String MODERATORS = "hasAnyRole('MODERATOR','ADMIN')";

    private final Moderation moderation;
    private final ModerationDecisions decisions;

    ModerationController(Moderation moderation, ModerationDecisions decisions) {
        this.moderation = moderation;
        this.decisions = decisions;
    }

    @PostMapping("/api/posts/{postId}/reports")
    @Operation(operationId = "reportPost", summary = "投稿を通報する / Report a post")
    public ResponseEntity<Void> report(@AuthenticationPrincipal Jwt jwt, @PathVariable String postId,
                                       @Valid @RequestBody ReportRequest request) {
        moderation.report(postId, CurrentMember.of(jwt), request.reason());
        return ResponseEntity.accepted().build();
    }

    /**
     * {@code ?state=OPEN} (default: posts with reports since their last review), {@code ALL} (every reported post)
     * or {@code HIDDEN} (every hidden post: the moderators' view of what members cannot see).
     */
    @GetMapping("/api/moderation/reports")
    @Operation(operationId = "listReportedPosts", summary = "通報された投稿（モデレーター） / Reported posts (moderators)")
    @PreAuthorize(MODERATORS)
    public Page<ReportedPostView> reports(@RequestParam(required = false, defaultValue = "OPEN") String state,
                                          @RequestParam(required = false) Integer limit,
                                          @RequestParam(required = false) String cursor) {
        Moderation.ListState listState;
        try {
            listState = Moderation.ListState.valueOf(state);
        } catch (IllegalArgumentException e) {
            throw BadRequest.field("state", Messages.get("moderation.state.invalid"));
        }
        return moderation.reportedPosts(listState, cursor, PageLimits.of(limit));
    }

    @PostMapping("/api/posts/{postId}/hide")
    @Operation(operationId = "hidePost", summary = "投稿を非表示にする（モデレーター） / Hide a post (moderators)")
    @PreAuthorize(MODERATORS)
    public ResponseEntity<Void> hide(@AuthenticationPrincipal Jwt jwt, @PathVariable String postId,
                                     @Valid @RequestBody(required = false) ModerationNoteRequest request) {
        moderation.hide(postId, CurrentMember.of(jwt), request == null ? null : request.reason());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/posts/{postId}/unhide")
    @Operation(operationId = "unhidePost", summary = "非表示を解除する（モデレーター） / Show a hidden post again (moderators)")
    @PreAuthorize(MODERATORS)
    public ResponseEntity<Void> unhide(@AuthenticationPrincipal Jwt jwt, @PathVariable String postId,
                                       @Valid @RequestBody(required = false) ModerationNoteRequest request) {
        moderation.unhide(postId, CurrentMember.of(jwt), request == null ? null : request.reason());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/moderation/decisions")
    @Operation(operationId = "listModerationDecisions",
            summary = "対応の履歴（新しい順、モデレーター） / History of moderation decisions, newest first (moderators)")
    @PreAuthorize(MODERATORS)
    public Page<DecisionView> decisions(@RequestParam(required = false) Integer limit,
                                        @RequestParam(required = false) String cursor) {
        return decisions.list(cursor, PageLimits.of(limit));
    }
}
