package jp.kyoso.posts.search;

import java.util.Date;
import java.util.List;
import jp.kyoso.posts.citation.Citation;
import jp.kyoso.posts.citation.KnowledgeAge;
import jp.kyoso.posts.post.OutdatedReview;
import jp.kyoso.posts.post.PostFields;
import org.bson.Document;

/** The banners of a search hit's post, read from the raw document as PostSearch reads whether it is solved. */
final class KnowledgeFlags {
    private KnowledgeFlags() {
    }

    /** FLAGGED or CONFIRMED while the post has open 要確認 flags, else null. */
    static String outdatedStatus(Document post) {
        Document outdated = post.get(PostFields.OUTDATED, Document.class);
        String status = outdated == null ? null : outdated.getString("status");
        return OutdatedReview.FLAGGED.equals(status) || OutdatedReview.CONFIRMED.equals(status) ? status : null;
    }

    /** Whether what the post cites may be out of date (see citation.KnowledgeAge); only the dates matter here. */
    static boolean mayBeOutdated(Document post) {
        List<Citation> citations = post.getList(PostFields.CITATIONS, Document.class, List.of()).stream()
                .map(c -> new Citation(null, null, null, null, c.getString("issuedOn"), null)).toList();
        Date createdAt = post.getDate(PostFields.CREATED_AT);
        return KnowledgeAge.current().mayBeOutdated(citations, createdAt == null ? null : createdAt.toInstant());
    }
}
