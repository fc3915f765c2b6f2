package jp.kyoso.posts.post;

import jp.kyoso.posts.member.Author;

/**
 * What a reply, a reaction or a page of replies needs of its post: who wrote it, where, its title, whether it is open,
 * and its answer. Read with a projection ({@link PostLookup#FIELDS_OF_HEAD}): a busy thread's document also carries
 * the last hundred reply ids of its Idempotency-Keys, its pending events and replies, its revisions and reactions,
 * which every reply read, sent over the wire and mapped whole only to use these fields.
 */
public record ThreadHead(String id, String channelSlug, PostKind kind, String title, Author author, boolean deleted,
                         boolean hidden, ChosenAnswer answer) {

    public boolean isAuthor(String memberId) {
        return author != null && author.memberId().equals(memberId);
    }

    /** A question with a chosen answer, as {@link Post#solved()}. */
    public boolean solved() {
        return kind == PostKind.QUESTION && answer != null;
    }
}
