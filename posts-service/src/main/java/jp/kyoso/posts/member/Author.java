package jp.kyoso.posts.member;

import jp.kyoso.posts.Messages;

/**
 * The author stored with a post or reply: a snapshot kept up to date from members events, so that showing a post
 * never needs members-service. (The member id is stored as {@code memberId}: a nested property named {@code id}
 * would be taken for a document id by the mapping.)
 *
 * @param former the member has left; the name and organization are erased
 */
public record Author(String memberId, String displayName, String organization, boolean former) {
    public static final String FORMER_MEMBER_NAME = Messages.get("member.former.name");

    public static Author formerMember(String memberId) {
        return new Author(memberId, FORMER_MEMBER_NAME, null, true);
    }

    public AuthorView view() {
        return new AuthorView(memberId, displayName, organization, former);
    }
}
