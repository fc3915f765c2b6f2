package jp.kyoso.posts.post;

import jakarta.validation.Valid;
import java.net.URI;
import jp.kyoso.platform.security.CurrentMember;
import jp.kyoso.posts.shared.Page;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/posts")
class PostController {
    private final Posts posts;
    private final PostLookup lookup;

    PostController(Posts posts, PostLookup lookup) {
        this.posts = posts;
        this.lookup = lookup;
    }

    @PostMapping
    ResponseEntity<PostView> publish(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody CreatePostRequest request) {
        Post post = posts.publish(CurrentMember.of(jwt), request);
        return ResponseEntity.created(URI.create("/api/posts/" + post.id())).body(PostView.of(post));
    }

    @GetMapping("/{id}")
    PostView get(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return PostView.of(lookup.visibleTo(id, CurrentMember.of(jwt)));
    }

    @PatchMapping("/{id}")
    PostView edit(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, @RequestBody EditPostRequest request) {
        return PostView.of(posts.edit(id, CurrentMember.of(jwt), request));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        posts.delete(id, CurrentMember.of(jwt));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/revisions")
    Page<RevisionView> revisions(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return new Page<>(posts.revisions(id, CurrentMember.of(jwt)), null);
    }
}
