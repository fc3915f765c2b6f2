package jp.kyoso.posts.post;

import java.util.List;

/** Only the fields present change; an empty tag list removes every tag. */
public record EditPostRequest(String title, String body, List<String> tags) {
}
