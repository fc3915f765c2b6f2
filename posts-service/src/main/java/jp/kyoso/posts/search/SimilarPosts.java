package jp.kyoso.posts.search;

import java.util.List;
import jp.kyoso.posts.post.Post;
import jp.kyoso.posts.post.PostKind;
import jp.kyoso.posts.shared.PlainText;
import org.springframework.stereotype.Service;

/**
 * Posts like a given one, by the Japanese search index (the same analysis as search). The ids may name posts hidden
 * or deleted since they were indexed: callers check them against MongoDB, as search does.
 */
@Service
public class SimilarPosts {
    private final SearchEngine engine;

    SimilarPosts(SearchEngine engine) {
        this.engine = engine;
    }

    /** Questions whose threads share words with the post's title and body, most similar first. */
    public List<String> questionsLike(Post post, int limit) {
        String text = post.title() + "\n" + PlainText.fromMarkdown(post.body());
        return engine.similar(text, PostKind.QUESTION.name(), post.id(), limit);
    }
}
