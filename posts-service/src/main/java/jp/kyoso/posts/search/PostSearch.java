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
import jp.kyoso.posts.town.OrganizationCodes;
import org.bson.Document;
import org.springframework.data.domain.Sort;
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
 *
 * <p>That query is by {@code _id} alone ({@code $in} the page's distinct post ids, at most the page's size) and
 * visibility is judged here from the fields it returns: a condition on other fields next to {@code _id} would not be
 * an index lookup for every server (the MongoDB-wire server of ./kyoso then scans the whole collection, which made
 * each search cost more the more posts there were). Ranking, paging and whether there is a next page come from
 * Lucene; nothing is counted in MongoDB.
 */
@Service
class PostSearch {
    /**
     * The most posts of 「同じような町」 a search looks among: the newest ones when the towns have written more (50
     * towns' worth of posts rarely comes near it; a wider search would be no "towns like mine" any more).
     */
    static final int MAX_TOWN_POSTS = 10_000;

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
     * @param towns  only posts written from these towns or solved by an answer written from one; null: from
     *               anywhere. The index holds no authors, so MongoDB says which posts these are (on the indexes of
     *               town.TownIndexes) and the index searches among them: a page is as full as without the filter,
     *               and a code stamped or erased a moment ago counts at once
     */
    Page<SearchHit> search(String text, String channel, String kind, Boolean solved, OrganizationCodes towns,
                           int offset, int size) {
        List<String> among = towns == null ? null : townPosts(towns, channel, kind, solved);
        SearchEngine.Result result = engine.search(text, channel, kind, solved, among, offset, size);
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

    /** The ids of the visible posts of the towns that the other filters leave, newest first. */
    private List<String> townPosts(OrganizationCodes towns, String channel, String kind, Boolean solved) {
        Criteria criteria = Criteria.where(PostFields.DELETED).is(false).and(PostFields.HIDDEN).is(false);
        if (channel != null) {
            criteria.and(PostFields.CHANNEL).is(channel);
        }
        if (solved != null) {
            // as the index filters: only questions are solved or unsolved
            if (kind != null && !PostKind.QUESTION.name().equals(kind)) {
                return List.of();
            }
            kind = PostKind.QUESTION.name();
            if (solved) {
                criteria.and(PostFields.ANSWER).ne(null);
            } else {
                criteria.and(PostFields.ANSWER).is(null);
            }
        }
        if (kind != null) {
            criteria.and(PostFields.KIND).is(kind);
        }
        towns.addTo(criteria);
        Query query = Query.query(criteria).with(Sort.by(Sort.Direction.DESC, PostFields.CREATED_AT, PostFields.ID))
                .limit(MAX_TOWN_POSTS);
        query.fields().include(PostFields.ID);
        List<String> ids = new ArrayList<>();
        for (Document post : mongo.find(query, Document.class, "posts")) {
            ids.add(post.getString(PostFields.ID));
        }
        return ids;
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
        Query query = Query.query(Criteria.where(PostFields.ID).in(ids));
        query.fields().include(PostFields.ID).include(PostFields.KIND).include(PostFields.ANSWER_REPLY_ID)
                .include(PostFields.CREATED_AT).include(PostFields.CITATIONS).include(PostFields.OUTDATED_STATUS)
                .include(PostFields.DELETED).include(PostFields.HIDDEN);
        Map<String, Shown> visible = new HashMap<>();
        for (Document post : mongo.find(query, Document.class, "posts")) {
            if (!SearchIndexer.isVisible(post)) {
                continue;
            }
            boolean question = PostKind.QUESTION.name().equals(post.getString(PostFields.KIND));
            visible.put(post.getString(PostFields.ID), new Shown(question ? SearchIndexer.isSolved(post) : null,
                    KnowledgeFlags.outdatedStatus(post), KnowledgeFlags.mayBeOutdated(post)));
        }
        return visible;
    }
}
