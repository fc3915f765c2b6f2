package jp.kyoso.posts.channel;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public record CreateChannelRequest(
        @NotBlank(message = "スラッグを入力してください / slug is required")
        @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,39}",
                message = "スラッグは英小文字・数字・ハイフンの 2〜40 文字です / slug: 2-40 of a-z, 0-9 and -")
        String slug,
        @NotBlank(message = "名前を入力してください / name is required")
        @Size(max = 50, message = "名前は 50 文字以内です / name: at most 50 characters")
        String name,
        @Size(max = 500, message = "説明は 500 文字以内です / description: at most 500 characters")
        String description,
        @NotNull(message = "投稿できる人を選んでください (OPEN または MODERATORS) / postingPolicy is required")
        PostingPolicy postingPolicy) {
}
