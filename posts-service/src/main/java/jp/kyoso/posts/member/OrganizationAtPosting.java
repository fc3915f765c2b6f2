package jp.kyoso.posts.member;

/**
 * The author's organization as it was when a post or reply was written (所属は投稿当時), beside the current one that
 * the author snapshot follows. Shown only when it differs from the current organization, so a reader sees
 * 「投稿時: 久米島町 福祉課」 next to the author exactly when the author has moved since; never for a member who has
 * left (their organization is erased, that one included).
 */
public final class OrganizationAtPosting {
    private OrganizationAtPosting() {
    }

    /** @return the organization at posting when it is worth showing beside {@code author}, else null */
    public static String shown(Author author, String atPosting) {
        if (atPosting == null || author == null || author.former() || atPosting.equals(author.organization())) {
            return null;
        }
        return atPosting;
    }

    /**
     * @return the organization code at posting as every view shows it: whenever known (the client may name the town
     * beside the author), but never for a member who has left (erased, a moment late at most)
     */
    public static String codeShown(Author author, String codeAtPosting) {
        return author == null || author.former() ? null : codeAtPosting;
    }
}
