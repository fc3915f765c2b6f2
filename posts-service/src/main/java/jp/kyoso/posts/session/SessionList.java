package jp.kyoso.posts.session;

import java.time.Clock;
import jp.kyoso.posts.post.Post;
import jp.kyoso.posts.post.PostFields;
import jp.kyoso.posts.post.PostKind;
import jp.kyoso.posts.post.PostView;
import jp.kyoso.posts.shared.KeysetPaging;
import jp.kyoso.posts.shared.Page;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Sessions in time order, with a keyset cursor on the start: upcoming ones (not over yet) nearest first, past ones
 * most recent first. Hidden and deleted sessions are never listed.
 */
@Service
class SessionList {
    enum Scope {
        UPCOMING, PAST
    }

    private final MongoTemplate mongo;
    private final Clock clock;

    SessionList(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    Page<PostView> list(Scope scope, String viewerId, String cursor, int limit) {
        Criteria criteria = Criteria.where(PostFields.KIND).is(PostKind.SESSION.name()).and(PostFields.DELETED)
                .is(false).and(PostFields.HIDDEN).is(false);
        boolean upcoming = scope == Scope.UPCOMING;
        if (upcoming) {
            criteria.and(SessionFields.ENDS_AT).gt(clock.instant());
        } else {
            criteria.and(SessionFields.ENDS_AT).lte(clock.instant());
        }
        Query query = KeysetPaging.after(new Query(criteria), cursor, SessionFields.STARTS_AT,
                upcoming ? Sort.Direction.ASC : Sort.Direction.DESC, limit);
        return KeysetPaging.page(mongo.find(query, Post.class), limit, post -> PostView.of(post, viewerId),
                post -> post.session().startsAt(), Post::id);
    }
}
