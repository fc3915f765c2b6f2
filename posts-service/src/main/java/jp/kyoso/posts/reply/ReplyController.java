package jp.kyoso.posts.reply;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import jakarta.validation.Valid;
import jp.kyoso.platform.security.CurrentMember;
import jp.kyoso.posts.shared.IdempotencyKey;
import jp.kyoso.posts.shared.Page;
import jp.kyoso.posts.shared.PageLimits;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "replies", description = "返信 / Replies")
@RequestMapping("/api/posts/{postId}/replies")
class ReplyController {
    private final Replies replies;

    ReplyController(Replies replies) {
        this.replies = replies;
    }

    @PostMapping
    @Operation(operationId = "createReply", summary = "返信する / Reply to a post")
    ResponseEntity<ReplyView> add(@AuthenticationPrincipal Jwt jwt, @PathVariable String postId,
                                  @Valid @RequestBody CreateReplyRequest request,
                                  @Parameter(in = ParameterIn.HEADER, name = IdempotencyKey.HEADER,
                                          description = IdempotencyKey.DESCRIPTION)
                                  @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey) {
        Reply reply = replies.add(postId, CurrentMember.of(jwt), request, IdempotencyKey.of(idempotencyKey));
        return ResponseEntity.status(HttpStatus.CREATED).body(ReplyView.of(reply));
    }

    @GetMapping
    @Operation(operationId = "listReplies", summary = "返信一覧（古い順） / List a post's replies, oldest first")
    Page<ReplyView> list(@AuthenticationPrincipal Jwt jwt, @PathVariable String postId,
                         @RequestParam(required = false) Integer limit,
                         @RequestParam(required = false) String cursor) {
        return replies.list(postId, CurrentMember.of(jwt), cursor, PageLimits.of(limit));
    }
}
