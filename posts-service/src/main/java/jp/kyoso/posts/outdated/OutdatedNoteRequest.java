package jp.kyoso.posts.outdated;

import jakarta.validation.constraints.Size;

/** The optional body of confirm and clear: the moderator's note (0..500 characters), kept in the history. */
public record OutdatedNoteRequest(
        @Size(max = 500, message = "{outdated.note.too-long}")
        String note) {
}
