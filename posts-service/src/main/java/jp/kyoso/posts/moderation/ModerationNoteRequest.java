package jp.kyoso.posts.moderation;

import jakarta.validation.constraints.Size;

/** The optional body of hide and unhide: the moderator's reason, shown to the author (0..500 characters). */
public record ModerationNoteRequest(
        @Size(max = 500, message = "理由は 500 文字以内です / reason: at most 500 characters")
        String reason) {
}
