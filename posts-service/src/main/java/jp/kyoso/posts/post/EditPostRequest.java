package jp.kyoso.posts.post;

import java.util.List;
import jp.kyoso.posts.session.SessionRequest;

/**
 * Only the fields present change; an empty tag list removes every tag. {@code session} (moderators, sessions only)
 * changes the fields of the session it names.
 */
public record EditPostRequest(String title, String body, List<String> tags, SessionRequest session) {
}
