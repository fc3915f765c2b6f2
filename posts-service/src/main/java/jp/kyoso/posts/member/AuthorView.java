package jp.kyoso.posts.member;

/** The author as the API shows it. A former member shows as 退会したメンバー with {@code former: true}. */
public record AuthorView(String id, String displayName, String organization, boolean former) {
}
