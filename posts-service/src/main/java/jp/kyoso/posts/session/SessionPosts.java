package jp.kyoso.posts.session;

import jp.kyoso.platform.security.CurrentMember;
import jp.kyoso.platform.web.ApiProblem;
import jp.kyoso.posts.Messages;
import jp.kyoso.posts.post.Post;
import jp.kyoso.posts.post.PostLookup;
import org.springframework.stereotype.Service;

/** Finds a session post as the member may see it; any other post, like a missing one, is 404. */
@Service
class SessionPosts {
    private final PostLookup lookup;

    SessionPosts(PostLookup lookup) {
        this.lookup = lookup;
    }

    Post visibleTo(String postId, CurrentMember member) {
        Post post = lookup.visibleTo(postId, member);
        if (post.session() == null) {
            throw ApiProblem.notFound(Messages.get("session.not-found"));
        }
        return post;
    }
}
