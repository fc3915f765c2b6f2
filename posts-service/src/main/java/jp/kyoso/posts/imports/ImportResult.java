package jp.kyoso.posts.imports;

import java.util.List;

/**
 * @param postIds the id of each thread of the request, in its order, whether written now or by an earlier import
 */
public record ImportResult(int threadsImported, int repliesImported, int threadsAlreadyImported,
                           List<String> postIds) {
}
