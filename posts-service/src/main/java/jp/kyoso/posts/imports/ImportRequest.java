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
        @NotBlank(message = "source を指定してください / source is required")
        @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,39}",
                message = "source は英小文字・数字・ハイフンで 40 文字以内です / source: up to 40 of a-z, 0-9 and -")
        String source,
        @NotEmpty(message = "threads を 1 つ以上指定してください / threads must not be empty")
        @Size(max = ThreadImports.MAX_THREADS,
                message = "一度に取り込めるスレッドは 200 までです / at most 200 threads per request")
        List<@Valid @NotNull(message = "threads に null は使えません / a thread must not be null") ImportedThread> threads) {

    /** A post of kind ISSUE, IDEA, QUESTION, INTRODUCTION, ANNOUNCEMENT or DISCUSSION, and its replies in order. */
    public record ImportedThread(
            @NotBlank(message = "externalId を指定してください / externalId is required")
            @Size(max = 200, message = "externalId は 200 文字以内です / externalId: at most 200 characters")
            String externalId,
            @NotBlank(message = "チャンネルを指定してください / channel is required")
            String channel,
            @NotBlank(message = "種類を指定してください / kind is required")
            @Pattern(regexp = "ISSUE|IDEA|QUESTION|INTRODUCTION|ANNOUNCEMENT|DISCUSSION",
                    message = "種類は ISSUE, IDEA, QUESTION, INTRODUCTION, ANNOUNCEMENT, DISCUSSION のいずれかです / "
                            + "kind must be one of ISSUE, IDEA, QUESTION, INTRODUCTION, ANNOUNCEMENT, DISCUSSION")
            String kind,
            @NotBlank(message = "タイトルを入力してください / title is required")
            String title,
            @NotBlank(message = "本文を入力してください / body is required")
            String body,
            List<String> tags,
            @NotBlank(message = "authorId を指定してください / authorId is required")
            String authorId,
            @NotNull(message = "createdAt を指定してください / createdAt is required")
            Instant createdAt,
            @Size(max = ThreadImports.MAX_REPLIES,
                    message = "1 スレッドの返信は 1,000 までです / at most 1,000 replies per thread")
            List<@Valid @NotNull(message = "replies に null は使えません / a reply must not be null") ImportedReply> replies) {
    }

    public record ImportedReply(
            @NotBlank(message = "externalId を指定してください / externalId is required")
            @Size(max = 200, message = "externalId は 200 文字以内です / externalId: at most 200 characters")
            String externalId,
            @NotBlank(message = "authorId を指定してください / authorId is required")
            String authorId,
            @NotBlank(message = "本文を入力してください / body is required")
            String body,
            @NotNull(message = "createdAt を指定してください / createdAt is required")
            Instant createdAt) {
    }
}
