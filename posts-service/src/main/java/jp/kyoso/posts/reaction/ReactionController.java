package jp.kyoso.posts.reaction;

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
@RequestMapping("/api/posts/{postId}/reactions/{emoji}")
class ReactionController {
    private final Reactions reactions;

    ReactionController(Reactions reactions) {
        this.reactions = reactions;
    }

    @PutMapping
    ResponseEntity<Void> add(@AuthenticationPrincipal Jwt jwt, @PathVariable String postId,
                             @PathVariable String emoji) {
        reactions.add(postId, emoji, CurrentMember.of(jwt));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping
    ResponseEntity<Void> remove(@AuthenticationPrincipal Jwt jwt, @PathVariable String postId,
                                @PathVariable String emoji) {
        reactions.remove(postId, emoji, CurrentMember.of(jwt));
        return ResponseEntity.noContent().build();
    }
}
