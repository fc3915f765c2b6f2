package jp.kyoso.posts.reaction;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.Operation;
import jp.kyoso.platform.security.CurrentMember;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code PUT|DELETE /api/posts/{id}/reactions/{emoji}}, the emoji URL-encoded in the path. Both idempotent. */
@RestController
@Tag(name = "reactions", description = "リアクション / Reactions")
@RequestMapping("/api/posts/{postId}/reactions/{emoji}")
class ReactionController {
    private final Reactions reactions;

    ReactionController(Reactions reactions) {
        this.reactions = reactions;
    }

    @PutMapping
    @Operation(operationId = "addReaction", summary = "リアクションする（冪等） / React with an emoji (idempotent)")
    ResponseEntity<Void> add(@AuthenticationPrincipal Jwt jwt, @PathVariable String postId,
                             @PathVariable String emoji) {
        reactions.add(postId, emoji, CurrentMember.of(jwt));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping
    @Operation(operationId = "removeReaction", summary = "リアクションを取り消す（冪等） / Take a reaction back (idempotent)")
    ResponseEntity<Void> remove(@AuthenticationPrincipal Jwt jwt, @PathVariable String postId,
                                @PathVariable String emoji) {
        reactions.remove(postId, emoji, CurrentMember.of(jwt));
        return ResponseEntity.noContent().build();
    }
}
