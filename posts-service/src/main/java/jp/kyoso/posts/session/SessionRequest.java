package jp.kyoso.posts.session;

/**
 * The {@code session} object of {@code POST /api/posts} and {@code PATCH /api/posts/{id}}. Times are ISO-8601 with an
 * offset ({@code 2026-12-05T14:00:00.000+09:00}); they are strings here so that a malformed one is refused with its
 * field name ({@code session.startsAt}), as every other invalid field is.
 *
 * <p>In a PATCH an absent field keeps its value and an empty string clears place, onlineUrl or prefecture.
 */
public record SessionRequest(String startsAt, String endsAt, String place, String onlineUrl, String prefecture,
                             Integer capacity) {
}
