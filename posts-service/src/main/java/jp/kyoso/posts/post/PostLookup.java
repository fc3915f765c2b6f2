package jp.kyoso.posts.post;

import jp.kyoso.platform.security.CurrentMember;
import jp.kyoso.platform.web.ApiProblem;
import jp.kyoso.posts.Messages;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/**
 * Finds a post as a given member may see it: a deleted post is gone for everyone, a hidden one is gone for everyone
 * but moderators. Answering 404 (not 403) for a hidden post does not tell members that it exists.
 */
@Service
public class PostLookup {
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

    /** For replies and reactions: a hidden post takes none, whoever asks. */
    public Post openForActivity(String postId, CurrentMember viewer) {
        Post post = visibleTo(postId, viewer);
        if (post.hidden()) {
            throw ApiProblem.conflict(Messages.get("post.hidden.no-activity"));
        }
        return post;
    }

    public static ApiProblem notFound() {
        return ApiProblem.notFound(Messages.get("post.not-found"));
    }
}
