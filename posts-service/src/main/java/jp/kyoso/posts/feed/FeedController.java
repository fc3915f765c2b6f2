package jp.kyoso.posts.feed;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.Operation;
import jp.kyoso.platform.security.CurrentMember;
import jp.kyoso.posts.post.PostKind;
import jp.kyoso.posts.post.PostView;
import jp.kyoso.posts.shared.Page;
import jp.kyoso.posts.shared.PageLimits;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "posts", description = "投稿 / Posts")
class FeedController {
    private final Feed feed;

    FeedController(Feed feed) {
        this.feed = feed;
    }

    /** {@code GET /api/posts?channel=&kind=&tag=&author=&limit=&cursor=}; {@code author} is a member id. */
    @GetMapping("/api/posts")
    @Operation(operationId = "listPosts", summary = "投稿一覧（新しい順） / List posts, newest first")
    Page<PostView> list(@AuthenticationPrincipal Jwt jwt,
                        @RequestParam(required = false) String channel,
                        @RequestParam(required = false) PostKind kind,
                        @RequestParam(required = false) String tag,
                        @RequestParam(required = false) String author,
                        @RequestParam(required = false) Integer limit,
                        @RequestParam(required = false) String cursor) {
        return feed.list(channel, kind, tag, author, CurrentMember.of(jwt).id(), cursor, PageLimits.of(limit));
    }
}
