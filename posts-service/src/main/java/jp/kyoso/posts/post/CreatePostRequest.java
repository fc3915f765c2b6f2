package jp.kyoso.posts.post;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import jp.kyoso.posts.session.SessionRequest;

/** Lengths are checked in {@link PostInput} in characters as a person counts them. */
public record CreatePostRequest(
        @NotBlank(message = "{post.channel.required}")
        String channel,
        @NotBlank(message = "{post.kind.required}")
        @Pattern(regexp = PostKind.PATTERN,
                message = "{post.kind.invalid}")
        String kind,
        @NotBlank(message = "{post.title.required}")
        String title,
        @NotBlank(message = "{post.body.required}")
        String body,
        List<String> tags,
        /** Required for kind SESSION (moderators), refused for every other kind. */
        SessionRequest session) {
}
