package jp.kyoso.posts.imports;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * A batch of threads from another platform's history, such as a Slack export converted by its owner: each thread is
 * a post with its replies, written by members Kyoso already knows, at the times they were written there.
 *
 * @param source names the platform and export ({@code slack-2019}); with each {@code externalId} it makes the ids,
 *               so importing the same thread again writes nothing
 */
public record ImportRequest(
        @NotBlank(message = "{imports.source.required}")
        @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,39}",
                message = "{imports.source.invalid}")
        String source,
        @NotEmpty(message = "{imports.threads.required}")
        @Size(max = ThreadImports.MAX_THREADS,
                message = "{imports.threads.too-many}")
        List<@Valid @NotNull(message = "{imports.thread.null}") ImportedThread> threads) {

    /** A post of kind ISSUE, IDEA, QUESTION, INTRODUCTION, ANNOUNCEMENT or DISCUSSION, and its replies in order. */
    public record ImportedThread(
            @NotBlank(message = "{imports.external-id.required}")
            @Size(max = 200, message = "{imports.external-id.too-long}")
            String externalId,
            @NotBlank(message = "{imports.channel.required}")
            String channel,
            @NotBlank(message = "{imports.kind.required}")
            @Pattern(regexp = "ISSUE|IDEA|QUESTION|INTRODUCTION|ANNOUNCEMENT|DISCUSSION",
                    message = "{imports.kind.invalid}")
            String kind,
            @NotBlank(message = "{imports.title.required}")
            String title,
            @NotBlank(message = "{imports.body.required}")
            String body,
            List<String> tags,
            @NotBlank(message = "{imports.author-id.required}")
            String authorId,
            @NotNull(message = "{imports.created-at.required}")
            Instant createdAt,
            @Size(max = ThreadImports.MAX_REPLIES,
                    message = "{imports.replies.too-many}")
            List<@Valid @NotNull(message = "{imports.reply.null}") ImportedReply> replies) {
    }

    public record ImportedReply(
            @NotBlank(message = "{imports.external-id.required}")
            @Size(max = 200, message = "{imports.external-id.too-long}")
            String externalId,
            @NotBlank(message = "{imports.author-id.required}")
            String authorId,
            @NotBlank(message = "{imports.body.required}")
            String body,
            @NotNull(message = "{imports.created-at.required}")
            Instant createdAt) {
    }
}
