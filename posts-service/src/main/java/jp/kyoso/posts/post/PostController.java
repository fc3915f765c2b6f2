package jp.kyoso.posts.post;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import jakarta.validation.Valid;
import java.net.URI;
import jp.kyoso.platform.security.CurrentMember;
import java.util.List;
import jp.kyoso.posts.shared.Cursors;
import jp.kyoso.posts.shared.IdempotencyKey;
import jp.kyoso.posts.shared.Page;
import jp.kyoso.posts.shared.PageLimits;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "posts", description = "投稿 / Posts")
@RequestMapping("/api/posts")
class PostController {
    private final Posts posts;
    private final PostLookup lookup;

    PostController(Posts posts, PostLookup lookup) {
        this.posts = posts;
        this.lookup = lookup;
    }

    @PostMapping
    @Operation(operationId = "createPost", summary = "投稿する / Publish a post")
    ResponseEntity<PostView> publish(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody CreatePostRequest request,
                                     @Parameter(in = ParameterIn.HEADER, name = IdempotencyKey.HEADER,
                                             description = IdempotencyKey.DESCRIPTION)
                                     @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey) {
        Post post = posts.publish(CurrentMember.of(jwt), request, IdempotencyKey.of(idempotencyKey));
        return ResponseEntity.created(URI.create("/api/posts/" + post.id())).body(PostView.of(post, post.author().memberId()));
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getPost", summary = "投稿を読む / Read a post")
    PostView get(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        CurrentMember viewer = CurrentMember.of(jwt);
        return PostView.of(lookup.visibleTo(id, viewer), viewer.id());
    }

    @PatchMapping("/{id}")
    @Operation(operationId = "editPost", summary = "投稿を編集する（投稿者かモデレーター） / Edit a post (author or moderator)")
    PostView edit(@AuthenticationPrincipal Jwt jwt, @PathVariable String id, @RequestBody EditPostRequest request) {
        CurrentMember editor = CurrentMember.of(jwt);
        return PostView.of(posts.edit(id, editor, request), editor.id());
    }

    @DeleteMapping("/{id}")
    @Operation(operationId = "deletePost", summary = "投稿を削除する（投稿者かモデレーター） / Delete a post (author or moderator)")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        posts.delete(id, CurrentMember.of(jwt));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/revisions")
    @Operation(operationId = "listPostRevisions", summary = "投稿の編集履歴（古い順） / A post's revisions, oldest first")
    Page<RevisionView> revisions(@AuthenticationPrincipal Jwt jwt, @PathVariable String id,
                                 @RequestParam(required = false) Integer limit,
                                 @RequestParam(required = false) String cursor) {
        // the cursor is the number of the last revision shown: the post keeps only its last revisions (Posts
        // .KEPT_REVISIONS), so an edit may drop the oldest and an offset would shift; the numbers never do
        int size = PageLimits.of(limit);
        int after = Cursors.parseOffset(cursor);
        List<RevisionView> all = posts.revisions(id, CurrentMember.of(jwt)).stream()
                .filter(revision -> revision.number() > after).toList();
        List<RevisionView> items = all.subList(0, Math.min(size, all.size()));
        return new Page<>(items, size < all.size() ? Cursors.offset(items.get(items.size() - 1).number()) : null);
    }
}
