package jp.kyoso.posts.unanswered;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import jp.kyoso.posts.post.Post;
import jp.kyoso.posts.post.PostFields;
import jp.kyoso.posts.post.PostKind;
import jp.kyoso.posts.shared.KeysetPaging;
import jp.kyoso.posts.shared.Page;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Visible questions that nobody but their author has replied to for longer than a threshold, oldest first: the ones
 * that have waited longest are the ones a moderator should find someone for. One query, since each question carries
 * the time of its first answer ({@link PostFields#FIRST_ANSWER_AT}).
 */
@Service
class UnansweredQuestions {
    private final MongoTemplate mongo;
    private final Clock clock;

    UnansweredQuestions(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    Page<UnansweredQuestion> list(Duration olderThan, String cursor, int limit) {
        Instant now = clock.instant();
        Criteria criteria = Criteria.where(PostFields.KIND).is(PostKind.QUESTION.name())
                .and(PostFields.DELETED).is(false).and(PostFields.HIDDEN).is(false)
                .and(PostFields.FIRST_ANSWER_AT).is(null)
                .and(PostFields.CREATED_AT).lt(now.minus(olderThan));
        Query query = KeysetPaging.after(new Query(criteria), cursor, PostFields.CREATED_AT, Sort.Direction.ASC,
                limit);
        return KeysetPaging.page(mongo.find(query, Post.class), limit, post -> new UnansweredQuestion(post.id(),
                post.title(), post.channelSlug(), post.author().view(), post.createdAt(),
                Duration.between(post.createdAt(), now).toHours()), Post::createdAt, Post::id);
    }
}
