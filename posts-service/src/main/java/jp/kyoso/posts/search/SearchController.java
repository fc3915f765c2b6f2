package jp.kyoso.posts.search;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jp.kyoso.posts.Messages;
import jp.kyoso.posts.post.PostKind;
import jp.kyoso.posts.shared.BadRequest;
import jp.kyoso.posts.shared.Cursors;
import jp.kyoso.posts.shared.Page;
import jp.kyoso.posts.shared.PageLimits;
import jp.kyoso.posts.town.OrganizationCodes;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/search?q=&channel=&kind=&solved=&limit=&cursor=}: hits ranked by a word match in the title first,
 * then relevance (a solved question's thread a little higher), then recency. Snippets mark the matches with
 * {@code <mark>} and are otherwise HTML-escaped. {@code solved=true|false} keeps only solved or unsolved questions;
 * {@code organizationCodes} only the threads of posts written from those towns or solved by an answer written from
 * one (「同じような町」, town.OrganizationCodes).
 */
@RestController
@Tag(name = "search", description = "検索 / Search")
class SearchController {
    private final PostSearch search;

    SearchController(PostSearch search) {
        this.search = search;
    }

    @GetMapping("/api/search")
    @Operation(operationId = "searchPosts", summary = "投稿と返信を検索する（関連順） / Search posts and replies by relevance")
    Page<SearchHit> search(@RequestParam(required = false) String q,
                           @RequestParam(required = false) String channel,
                           @RequestParam(required = false) PostKind kind,
                           @Parameter(description = "true: 解決済みの質問だけ / solved questions only; false: 未解決の質問だけ / unsolved questions only")
                           @RequestParam(required = false) Boolean solved,
                           @Parameter(description = OrganizationCodes.DESCRIPTION)
                           @RequestParam(name = OrganizationCodes.PARAMETER, required = false) String organizationCodes,
                           @RequestParam(required = false) Integer limit,
                           @RequestParam(required = false) String cursor) {
        if (q == null || q.isBlank()) {
            throw BadRequest.field("q", Messages.get("search.query.required"));
        }
        if (q.length() > SearchQuery.MAX_QUERY_LENGTH) {
            throw BadRequest.field("q", Messages.get("search.query.too-long"));
        }
        return search.search(q, blankToNull(channel), kind == null ? null : kind.name(), solved,
                OrganizationCodes.parse(organizationCodes), Cursors.parseOffset(cursor), PageLimits.of(limit));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
