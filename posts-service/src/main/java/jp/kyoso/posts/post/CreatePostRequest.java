package jp.kyoso.posts.post;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import jp.kyoso.posts.session.SessionRequest;

/** Lengths are checked in {@link PostInput} in characters as a person counts them. */
public record CreatePostRequest(
        @NotBlank(message = "チャンネルを指定してください / channel is required")
        String channel,
        @NotBlank(message = "種類を指定してください / kind is required")
        @Pattern(regexp = PostKind.PATTERN,
                message = "種類は ISSUE, IDEA, QUESTION, INTRODUCTION, ANNOUNCEMENT, DISCUSSION, SESSION のいずれかです / "
                        + "kind must be one of ISSUE, IDEA, QUESTION, INTRODUCTION, ANNOUNCEMENT, DISCUSSION, SESSION")
        String kind,
        @NotBlank(message = "タイトルを入力してください / title is required")
        String title,
        @NotBlank(message = "本文を入力してください / body is required")
        String body,
        List<String> tags,
        /** Required for kind SESSION (moderators), refused for every other kind. */
        SessionRequest session) {
}
