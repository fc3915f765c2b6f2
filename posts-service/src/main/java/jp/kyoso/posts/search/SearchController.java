package jp.kyoso.posts.search;

import java.util.List;
import jp.kyoso.platform.web.ApiProblem;
import jp.kyoso.posts.post.PostKind;
import jp.kyoso.posts.shared.Cursors;
import jp.kyoso.posts.shared.Page;
import jp.kyoso.posts.shared.PageLimits;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/search?q=&channel=&kind=&limit=&cursor=}: hits ranked by a word match in the title first, then
 * relevance, then recency. Snippets mark the matches with {@code <mark>} and are otherwise HTML-escaped.
 */
@RestController
class SearchController {
    private final SearchEngine engine;

    SearchController(SearchEngine engine) {
        this.engine = engine;
    }

    @GetMapping("/api/search")
    Page<SearchHit> search(@RequestParam(required = false) String q,
                           @RequestParam(required = false) String channel,
                           @RequestParam(required = false) PostKind kind,
                           @RequestParam(required = false) Integer limit,
                           @RequestParam(required = false) String cursor) {
        if (q == null || q.isBlank()) {
            throw invalidQuery("検索語を入力してください / q is required");
        }
        if (q.length() > SearchQuery.MAX_QUERY_LENGTH) {
            throw invalidQuery("検索語は 200 文字以内です / q: at most 200 characters");
        }
        int size = PageLimits.of(limit);
        int offset = Cursors.parseOffset(cursor);
        SearchEngine.Result result = engine.search(q, blankToNull(channel), kind == null ? null : kind.name(),
                offset, size);
        return new Page<>(result.hits(), result.hasMore() ? Cursors.offset(offset + size) : null);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static ApiProblem invalidQuery(String message) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "リクエストが正しくありません / Bad request", message,
                List.of(new ApiProblem.FieldProblem("q", message)));
    }
}
