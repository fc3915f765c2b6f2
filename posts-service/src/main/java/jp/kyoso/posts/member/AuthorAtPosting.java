package jp.kyoso.posts.member;

/**
 * Who writes a new post or reply and where they work as they write it: the author snapshot to store (kept up to date
 * afterwards) and what is stamped beside it and never changed, the organization ({@code author.organization()}) and
 * its 全国地方公共団体コード (null when the member projection knows none).
 */
public record AuthorAtPosting(Author author, String organizationCode) {

    /** Stored as {@code organizationAtPosting}. */
    public String organization() {
        return author.organization();
    }
}
