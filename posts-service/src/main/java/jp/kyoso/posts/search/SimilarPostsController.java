package jp.kyoso.posts.search;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.kyoso.posts.Messages;
import jp.kyoso.posts.shared.BadRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * "Asked before?" (前にも聞かれていませんか？): while a member writes a question, the composer asks for the posts most
 * like its title and body (a pause in typing, then one call). See {@link SimilarityQuery} for how they are found.
 */
@RestController
@Tag(name = "search", description = "検索 / Search")
class SimilarPostsController {
    static final int DEFAULT_LIMIT = 5;
    static final int MAX_LIMIT = 10;

    private final SimilarPosts similarPosts;

    SimilarPostsController(SimilarPosts similarPosts) {
        this.similarPosts = similarPosts;
    }

    @GetMapping("/api/posts/similar")
    @Operation(operationId = "findSimilarPosts",
            summary = "書いている投稿に似た投稿（解決済みを優先） / Posts like the one being written, solved questions first")
    SimilarPostList similar(
            @Parameter(description = "入力中のタイトル / the title being typed") @RequestParam(required = false) String title,
            @Parameter(description = "入力中の本文（タイトルと合わせて先頭 2,000 文字を使用） / the body being typed (with the title, the first 2,000 characters are used)")
            @RequestParam(required = false) String body,
            @Parameter(description = "1–10, 既定 5 / default 5") @RequestParam(required = false) Integer limit,
            @Parameter(description = "編集中の投稿（結果に含めない） / the post being edited, never returned")
            @RequestParam(required = false) String excludePostId) {
        return similarPosts.like(title, body, blankToNull(excludePostId), limit(limit));
    }

    @PostMapping("/api/posts/similar")
    @Operation(operationId = "findSimilarPostsForLongText",
            summary = "長い本文で似た投稿を探す（GET と同じ結果） / The same as findSimilarPosts, for a text too long for a URL")
    SimilarPostList similarForLongText(@RequestBody SimilarPostsRequest request) {
        return similarPosts.like(request.title(), request.body(), blankToNull(request.excludePostId()),
                limit(request.limit()));
    }

    private static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw BadRequest.field("limit", Messages.get("search.similar.limit.out-of-range"));
        }
        return requested;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
