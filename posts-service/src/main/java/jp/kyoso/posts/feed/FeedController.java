package jp.kyoso.posts.feed;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jp.kyoso.platform.security.CurrentMember;
import jp.kyoso.posts.post.PostKind;
import jp.kyoso.posts.post.PostView;
import jp.kyoso.posts.shared.Page;
import jp.kyoso.posts.shared.PageLimits;
import jp.kyoso.posts.town.OrganizationCodes;
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

    /**
     * {@code GET /api/posts?channel=&kind=&solved=&organizationCodes=&tag=&author=&limit=&cursor=}; {@code author} is
     * a member id; {@code solved=true|false} lists only solved (解決済み) or unsolved (未解決) questions;
     * {@code organizationCodes} only posts written from those towns or solved by an answer written from one
     * (「同じような町」, town.OrganizationCodes).
     */
    @GetMapping("/api/posts")
    @Operation(operationId = "listPosts", summary = "投稿一覧（新しい順） / List posts, newest first")
    Page<PostView> list(@AuthenticationPrincipal Jwt jwt,
                        @RequestParam(required = false) String channel,
                        @RequestParam(required = false) PostKind kind,
                        @Parameter(description = "true: 解決済みの質問だけ / solved questions only; false: 未解決の質問だけ / unsolved questions only")
                        @RequestParam(required = false) Boolean solved,
                        @Parameter(description = OrganizationCodes.DESCRIPTION)
                        @RequestParam(name = OrganizationCodes.PARAMETER, required = false) String organizationCodes,
                        @RequestParam(required = false) String tag,
                        @RequestParam(required = false) String author,
                        @RequestParam(required = false) Integer limit,
                        @RequestParam(required = false) String cursor) {
        return feed.list(channel, kind, solved, OrganizationCodes.parse(organizationCodes), tag, author,
                CurrentMember.of(jwt).id(), cursor, PageLimits.of(limit));
    }
}
