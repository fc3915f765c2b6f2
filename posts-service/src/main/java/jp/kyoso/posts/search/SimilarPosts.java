package jp.kyoso.posts.search;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.kyoso.posts.post.Post;
import jp.kyoso.posts.post.PostFields;
import jp.kyoso.posts.post.PostKind;
import jp.kyoso.posts.shared.PlainText;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Posts like a given one, or like what a member is writing, by the Japanese search index (the same analysis as
 * search). The index may still hold posts hidden or deleted since they were indexed: what is shown is checked against
 * MongoDB, as search does.
 */
@Service
public class SimilarPosts {
    static final int EXCERPT_LENGTH = 120;
    /** Asked of the index beyond the limit, for the posts that MongoDB says are no longer visible. */
    private static final int SPARE = 5;

    private final SearchEngine engine;
    private final SearchIndexer indexer;
    private final MongoTemplate mongo;

    SimilarPosts(SearchEngine engine, SearchIndexer indexer, MongoTemplate mongo) {
        this.engine = engine;
        this.indexer = indexer;
        this.mongo = mongo;
    }

    /** Questions whose threads share words with the post's title and body, most similar first. */
    public List<String> questionsLike(Post post, int limit) {
        String text = post.title() + "\n" + PlainText.fromMarkdown(post.body());
        return engine.similar(text, PostKind.QUESTION.name(), post.id(), limit);
    }

    /**
     * The visible posts most like a title and body being written, in the index's order (see {@link SimilarityQuery}):
     * one entry per post, never a reply. A post the index still has but MongoDB no longer shows is left out and
     * reindexed at once.
     *
     * @param excludePostId the post being edited, or null
     */
    SimilarPostList like(String title, String body, String excludePostId, int limit) {
        List<SearchEngine.SimilarMatch> matches = engine.moreLikeThis(title, body, excludePostId, limit + SPARE);
        if (matches.isEmpty()) {
            return new SimilarPostList(List.of());
        }
        Map<String, Document> visible = visible(matches);
        List<SimilarPost> items = new ArrayList<>(limit);
        for (SearchEngine.SimilarMatch match : matches) {
            Document post = visible.get(match.postId());
            if (post == null) {
                indexer.reindex(match.postId());
            } else if (items.size() < limit) {
                items.add(view(post));
            }
        }
        return new SimilarPostList(items);
    }

    private Map<String, Document> visible(List<SearchEngine.SimilarMatch> matches) {
        // by _id alone, visibility judged here: an index lookup on every server (see PostSearch)
        Query query = Query.query(Criteria.where(PostFields.ID)
                .in(matches.stream().map(SearchEngine.SimilarMatch::postId).distinct().toList()));
        query.fields().include(PostFields.ID, PostFields.TITLE, PostFields.KIND, PostFields.CHANNEL, PostFields.BODY,
                PostFields.CREATED_AT, PostFields.REPLY_COUNT, PostFields.ANSWER_REPLY_ID, PostFields.DELETED,
                PostFields.HIDDEN);
        Map<String, Document> visible = new HashMap<>();
        for (Document post : mongo.find(query, Document.class, "posts")) {
            if (SearchIndexer.isVisible(post)) {
                visible.put(post.getString(PostFields.ID), post);
            }
        }
        return visible;
    }

    private static SimilarPost view(Document post) {
        PostKind kind = PostKind.valueOf(post.getString(PostFields.KIND));
        Date created = post.getDate(PostFields.CREATED_AT);
        Number replies = post.get(PostFields.REPLY_COUNT, Number.class);
        return new SimilarPost(post.getString(PostFields.ID), post.getString(PostFields.TITLE), kind,
                post.getString(PostFields.CHANNEL), kind == PostKind.QUESTION ? SearchIndexer.isSolved(post) : null,
                excerpt(post.getString(PostFields.BODY)), created == null ? null : created.toInstant(),
                replies == null ? 0 : replies.intValue());
    }

    /** The start of the body as plain text on one line, cut at {@value #EXCERPT_LENGTH} characters. */
    static String excerpt(String markdown) {
        String text = PlainText.fromMarkdown(markdown).replaceAll("\\s+", " ");
        if (text.codePointCount(0, text.length()) <= EXCERPT_LENGTH) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, EXCERPT_LENGTH)) + "…";
    }
}
