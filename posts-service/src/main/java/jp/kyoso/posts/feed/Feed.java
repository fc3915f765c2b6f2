package jp.kyoso.posts.feed;

import java.util.ArrayList;
import java.util.List;
import jp.kyoso.posts.post.Post;
import jp.kyoso.posts.post.PostFields;
import jp.kyoso.posts.post.PostInput;
import jp.kyoso.posts.post.PostKind;
import jp.kyoso.posts.post.PostView;
import jp.kyoso.posts.shared.Cursors;
import jp.kyoso.posts.shared.Page;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The list of posts, newest first, with a keyset cursor (creation time and id of the last item): a page never repeats
 * or skips a post because others were published meanwhile. Hidden and deleted posts are never listed.
 */
@Service
class Feed {
    private final MongoTemplate mongo;

    Feed(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    Page<PostView> list(String channel, PostKind kind, String tag, String authorId, String cursor, int limit) {
        Criteria criteria = Criteria.where(PostFields.DELETED).is(false).and(PostFields.HIDDEN).is(false);
        if (channel != null && !channel.isBlank()) {
            criteria.and(PostFields.CHANNEL).is(channel);
        }
        if (kind != null) {
            criteria.and(PostFields.KIND).is(kind.name());
        }
        if (tag != null && !tag.isBlank()) {
            criteria.and(PostFields.TAGS).is(PostInput.normalizeTag(tag));
        }
        if (authorId != null && !authorId.isBlank()) {
            criteria.and(PostFields.AUTHOR_ID).is(authorId);
        }
        Cursors.Keyset after = Cursors.parseKeyset(cursor);
        Query query = new Query(criteria);
        if (after != null) {
            query.addCriteria(new Criteria().orOperator(
                    Criteria.where(PostFields.CREATED_AT).lt(after.at()),
                    Criteria.where(PostFields.CREATED_AT).is(after.at()).and(PostFields.ID).lt(after.id())));
        }
        query.with(Sort.by(Sort.Direction.DESC, PostFields.CREATED_AT, PostFields.ID)).limit(limit + 1);
        List<Post> found = mongo.find(query, Post.class);
        List<PostView> items = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, found.size()); i++) {
            items.add(PostView.of(found.get(i)));
        }
        String next = null;
        if (found.size() > limit) {
            PostView last = items.get(items.size() - 1);
            next = Cursors.keyset(last.createdAt(), last.id());
        }
        return new Page<>(items, next);
    }
}
