package jp.kyoso.posts.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.kyoso.posts.post.PostFields;
import jp.kyoso.posts.post.PostKind;
import jp.kyoso.posts.shared.Cursors;
import jp.kyoso.posts.shared.Page;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * A search as the API answers it: the index ranks, MongoDB decides what may be shown.
 *
 * <p>The index follows MongoDB a moment behind, and a reindex can fail (it is retried). So that a hidden or deleted
 * post never shows up meanwhile, every page is checked against MongoDB in one query for the page's post ids, and a
 * hit whose post is no longer visible is dropped (the page can then be shorter than the limit; the cursor still
 * moves by the limit). Such a post is reindexed at once, which removes it from this instance's index.
 */
@Service
class PostSearch {
    private final SearchEngine engine;
    private final SearchIndexer indexer;
    private final MongoTemplate mongo;

    PostSearch(SearchEngine engine, SearchIndexer indexer, MongoTemplate mongo) {
        this.engine = engine;
        this.indexer = indexer;
        this.mongo = mongo;
    }

    /**
     * @param solved true or false: only solved or unsolved questions; null: every post. The index filters; a hit
     *               whose question MongoDB already knows otherwise is dropped like a hidden one (and reindexed)
     */
    Page<SearchHit> search(String text, String channel, String kind, Boolean solved, int offset, int size) {
        SearchEngine.Result result = engine.search(text, channel, kind, solved, offset, size);
        Map<String, Shown> visible = visible(result.hits());
        List<SearchHit> hits = new ArrayList<>(result.hits().size());
        for (SearchHit hit : result.hits()) {
            Shown post = visible.get(hit.postId());
            if (post != null && (solved == null || solved.equals(post.solved()))) {
                hits.add(hit.withSolved(post.solved()).withOutdated(post.outdated(), post.mayBeOutdated()));
            } else {
                indexer.reindex(hit.postId());
            }
        }
        return new Page<>(hits, result.hasMore() ? Cursors.offset(offset + size) : null);
    }

    /**
     * A post that may be shown, whether it is solved (null for a post that is no question), its 要確認 status while
     * it has open flags (else null) and whether what it cites may be out of date.
     */
    private record Shown(Boolean solved, String outdated, boolean mayBeOutdated) {
    }

    /** The visible posts among the hits. */
    private Map<String, Shown> visible(List<SearchHit> hits) {
        Set<String> ids = new LinkedHashSet<>();
        hits.forEach(hit -> ids.add(hit.postId()));
        if (ids.isEmpty()) {
            return Map.of();
        }
        Query query = Query.query(Criteria.where(PostFields.ID).in(ids).and(PostFields.DELETED).is(false)
                .and(PostFields.HIDDEN).is(false));
        query.fields().include(PostFields.ID).include(PostFields.KIND).include(PostFields.ANSWER_REPLY_ID)
                .include(PostFields.CREATED_AT).include(PostFields.CITATIONS).include(PostFields.OUTDATED_STATUS);
        Map<String, Shown> visible = new HashMap<>();
        for (Document post : mongo.find(query, Document.class, "posts")) {
            boolean question = PostKind.QUESTION.name().equals(post.getString(PostFields.KIND));
            visible.put(post.getString(PostFields.ID), new Shown(question ? SearchIndexer.isSolved(post) : null,
                    KnowledgeFlags.outdatedStatus(post), KnowledgeFlags.mayBeOutdated(post)));
        }
        return visible;
    }
}
