package jp.kyoso.posts.channel;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public record CreateChannelRequest(
        @NotBlank(message = "{channel.slug.required}")
        @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,39}",
                message = "{channel.slug.invalid}")
        String slug,
        @NotBlank(message = "{channel.name.required}")
        @Size(max = 50, message = "{channel.name.too-long}")
        String name,
        @Size(max = 500, message = "{channel.description.too-long}")
        String description,
        @NotNull(message = "{channel.posting-policy.required}")
        PostingPolicy postingPolicy) {
}
