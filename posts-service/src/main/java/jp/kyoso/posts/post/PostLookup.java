package jp.kyoso.posts.post;

import jp.kyoso.platform.security.CurrentMember;
import jp.kyoso.platform.web.ApiProblem;
import jp.kyoso.posts.Messages;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Finds a post as a given member may see it: a deleted post is gone for everyone, a hidden one is gone for everyone
 * but moderators. Answering 404 (not 403) for a hidden post does not tell members that it exists.
 */
@Service
public class PostLookup {
    static final String[] FIELDS_OF_HEAD = {PostFields.CHANNEL, PostFields.KIND, PostFields.TITLE, "author",
        PostFields.DELETED, PostFields.HIDDEN, PostFields.ANSWER};
    private final MongoTemplate mongo;

    public PostLookup(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Post visibleTo(String postId, CurrentMember viewer) {
        Post post = mongo.findById(postId, Post.class);
        if (post == null || post.deleted() || (post.hidden() && !viewer.isModerator())) {
            throw notFound();
        }
        return post;
    }

    /** {@link #visibleTo}, reading only the post's {@link ThreadHead}. */
    public ThreadHead headVisibleTo(String postId, CurrentMember viewer) {
        Query query = Query.query(Criteria.where(PostFields.ID).is(postId));
        query.fields().include(FIELDS_OF_HEAD);
        ThreadHead head = mongo.findOne(query, ThreadHead.class, PostFields.COLLECTION);
        if (head == null || head.deleted() || (head.hidden() && !viewer.isModerator())) {
            throw notFound();
        }
        return head;
    }

    /** For changes that take part in a thread (an answer, a flag): a hidden post takes none, whoever asks. */
    public Post openForActivity(String postId, CurrentMember viewer) {
        Post post = visibleTo(postId, viewer);
        requireShown(post.hidden());
        return post;
    }

    /** {@link #openForActivity}, reading only the post's {@link ThreadHead}: for replies and reactions. */
    public ThreadHead headOpenForActivity(String postId, CurrentMember viewer) {
        ThreadHead head = headVisibleTo(postId, viewer);
        requireShown(head.hidden());
        return head;
    }

    private static void requireShown(boolean hidden) {
        if (hidden) {
            throw ApiProblem.conflict(Messages.get("post.hidden.no-activity"));
        }
    }

    public static ApiProblem notFound() {
        return ApiProblem.notFound(Messages.get("post.not-found"));
    }
}
