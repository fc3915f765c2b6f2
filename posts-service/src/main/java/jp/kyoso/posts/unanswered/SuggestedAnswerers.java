package jp.kyoso.posts.unanswered;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jp.kyoso.platform.security.CurrentMember;
import jp.kyoso.posts.member.MemberDirectory;
import jp.kyoso.posts.member.MemberRecord;
import jp.kyoso.posts.post.Post;
import jp.kyoso.posts.post.PostFields;
import jp.kyoso.posts.post.PostKind;
import jp.kyoso.posts.post.PostLookup;
import jp.kyoso.posts.search.SimilarPosts;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * "Ask someone": the members who replied (not as the asker) to the questions that the Japanese search finds most like
 * this post, ranked by how many of those questions each answered, then by how similar their best one is. The post's
 * author and members who have left are never suggested.
 */
@Service
class SuggestedAnswerers {
    /** How many similar questions are looked at: enough to find regular answerers, few enough for one query. */
    static final int SIMILAR_QUESTIONS = 50;

    private final MongoTemplate mongo;
    private final PostLookup lookup;
    private final SimilarPosts similarPosts;
    private final MemberDirectory members;

    SuggestedAnswerers(MongoTemplate mongo, PostLookup lookup, SimilarPosts similarPosts, MemberDirectory members) {
        this.mongo = mongo;
        this.lookup = lookup;
        this.similarPosts = similarPosts;
        this.members = members;
    }

    List<SuggestedAnswerer> suggest(String postId, CurrentMember moderator, int limit) {
        Post post = lookup.visibleTo(postId, moderator);
        String authorId = post.author().memberId();
        List<String> similar = visibleQuestions(similarPosts.questionsLike(post, SIMILAR_QUESTIONS));
        if (similar.isEmpty()) {
            return List.of();
        }
        Map<String, String> askerOf = askers(similar);
        Map<String, Integer> rank = new HashMap<>();
        for (int i = 0; i < similar.size(); i++) {
            rank.put(similar.get(i), i);
        }
        // member → the similar questions they answered, most similar first
        Map<String, Set<String>> answered = new LinkedHashMap<>();
        Query replies = Query.query(Criteria.where("postId").in(similar));
        replies.fields().include("postId").include("author.memberId").include("author.former");
        for (Document reply : mongo.find(replies, Document.class, "replies")) {
            String questionId = reply.getString("postId");
            Document author = reply.get("author", Document.class);
            String memberId = author == null ? null : author.getString("memberId");
            if (memberId == null || memberId.equals(authorId) || memberId.equals(askerOf.get(questionId))
                    || Boolean.TRUE.equals(author.getBoolean("former"))) {
                continue;
            }
            answered.computeIfAbsent(memberId, id -> new LinkedHashSet<>()).add(questionId);
        }
        Map<String, MemberRecord> known = members.byIds(answered.keySet());
        List<SuggestedAnswerer> suggestions = new ArrayList<>();
        answered.forEach((memberId, questions) -> {
            MemberRecord member = known.get(memberId);
            if (member == null || member.deactivated() || member.handle() == null) {
                // no way to mention them, or they have left
                return;
            }
            String example = questions.stream().min(Comparator.comparing(rank::get)).orElseThrow();
            suggestions.add(new SuggestedAnswerer(memberId, member.displayName(), member.handle(),
                    member.organization(), questions.size(), example));
        });
        suggestions.sort(Comparator.comparingInt(SuggestedAnswerer::answeredCount).reversed()
                .thenComparing(suggestion -> rank.get(suggestion.examplePostId())));
        return suggestions.subList(0, Math.min(limit, suggestions.size()));
    }

    /** The index follows MongoDB a moment behind: keep only questions that are still shown, in the same order. */
    private List<String> visibleQuestions(List<String> postIds) {
        if (postIds.isEmpty()) {
            return List.of();
        }
        Query query = Query.query(Criteria.where(PostFields.ID).in(postIds).and(PostFields.KIND)
                .is(PostKind.QUESTION.name()).and(PostFields.DELETED).is(false).and(PostFields.HIDDEN).is(false));
        query.fields().include(PostFields.ID);
        Set<String> visible = new java.util.HashSet<>();
        mongo.find(query, Document.class, "posts").forEach(doc -> visible.add(doc.getString(PostFields.ID)));
        return postIds.stream().filter(visible::contains).toList();
    }

    private Map<String, String> askers(List<String> questionIds) {
        Query query = Query.query(Criteria.where(PostFields.ID).in(questionIds));
        query.fields().include(PostFields.AUTHOR_ID);
        Map<String, String> askers = new HashMap<>();
        for (Document question : mongo.find(query, Document.class, "posts")) {
            Document author = question.get("author", Document.class);
            askers.put(question.getString(PostFields.ID), author == null ? null : author.getString("memberId"));
        }
        return askers;
    }
}
