package jp.kyoso.posts.moderation;

import jakarta.validation.constraints.Size;

/** The optional body of hide and unhide: the moderator's reason, shown to the author (0..500 characters). */
public record ModerationNoteRequest(
        @Size(max = 500, message = "{moderation.note.too-long}")
        String reason) {
}
