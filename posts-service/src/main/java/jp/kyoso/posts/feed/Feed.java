package jp.kyoso.posts.feed;

import java.util.List;
import jp.kyoso.posts.post.Post;
import jp.kyoso.posts.post.PostFields;
import jp.kyoso.posts.post.PostInput;
import jp.kyoso.posts.post.PostKind;
import jp.kyoso.posts.post.PostView;
import jp.kyoso.posts.shared.KeysetPaging;
import jp.kyoso.posts.shared.Page;
import jp.kyoso.posts.town.OrganizationCodes;
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

    /**
     * @param solved true: solved questions (解決済み), false: unsolved questions (未解決), null: every post
     * @param towns  only posts written from these towns or solved by an answer written from one (「同じような町」);
     *               null: from anywhere
     */
    Page<PostView> list(String channel, PostKind kind, Boolean solved, OrganizationCodes towns, String tag,
                        String authorId, String viewerId, String cursor, int limit) {
        Criteria criteria = Criteria.where(PostFields.DELETED).is(false).and(PostFields.HIDDEN).is(false);
        if (channel != null && !channel.isBlank()) {
            criteria.and(PostFields.CHANNEL).is(channel);
        }
        if (solved != null) {
            // only questions are solved or unsolved: the filter asks for questions whatever the kind says
            if (kind != null && kind != PostKind.QUESTION) {
                return new Page<>(List.of(), null);
            }
            kind = PostKind.QUESTION;
            if (solved) {
                criteria.and(PostFields.ANSWER).ne(null);
            } else {
                criteria.and(PostFields.ANSWER).is(null);
            }
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
        if (towns != null) {
            towns.addTo(criteria);
        }
        Query query = KeysetPaging.after(new Query(criteria), cursor, PostFields.CREATED_AT, Sort.Direction.DESC,
                limit);
        return KeysetPaging.page(mongo.find(query, Post.class), limit, post -> PostView.of(post, viewerId), Post::createdAt, Post::id);
    }
}
