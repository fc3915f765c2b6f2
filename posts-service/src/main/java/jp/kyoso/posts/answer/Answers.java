package jp.kyoso.posts.answer;

import java.time.Instant;
import jp.kyoso.platform.outbox.Outbox;
import jp.kyoso.platform.outbox.OutboxRelay;
import jp.kyoso.platform.outbox.PendingEvent;
import jp.kyoso.platform.security.CurrentMember;
import jp.kyoso.platform.web.ApiProblem;
import jp.kyoso.posts.Messages;
import jp.kyoso.posts.events.PostsEvents;
import jp.kyoso.posts.member.Author;
import jp.kyoso.posts.member.MemberDirectory;
import jp.kyoso.posts.post.ChosenAnswer;
import jp.kyoso.posts.post.Post;
import jp.kyoso.posts.post.PostFields;
import jp.kyoso.posts.post.PostKind;
import jp.kyoso.posts.post.PostLookup;
import jp.kyoso.posts.reply.Reply;
import jp.kyoso.posts.shared.PlainText;
import jp.kyoso.posts.shared.ThreadChanged;
import jp.kyoso.posts.shared.Times;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Choosing the reply that answers a question (解決済み) and taking it back. The answer lives in the question's
 * document and each change is one update of it together with its event in the post's outbox, conditional on the
 * answer it read: of two people choosing at once, the second reads again and replaces the first's choice (or finds
 * its own already there). Choosing the answer the question has, or taking back an answer it does not have, writes
 * nothing.
 */
@Service
class Answers {
    private static final int ATTEMPTS = 5;

    private final MongoTemplate mongo;
    private final PostLookup lookup;
    private final MemberDirectory members;
    private final OutboxRelay outboxRelay;
    private final ApplicationEventPublisher events;

    Answers(MongoTemplate mongo, PostLookup lookup, MemberDirectory members, OutboxRelay outboxRelay,
            ApplicationEventPublisher events) {
        this.mongo = mongo;
        this.lookup = lookup;
        this.members = members;
        this.outboxRelay = outboxRelay;
        this.events = events;
    }

    Post choose(String postId, String replyId, CurrentMember member) {
        members.requireActive(member);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Post question = question(postId, member);
            if (question.solved() && question.answer().replyId().equals(replyId)) {
                return question;
            }
            Reply reply = mongo.findById(replyId, Reply.class);
            if (reply == null || !postId.equals(reply.postId())) {
                // well-formed but naming nothing in this thread: 422, like every reference to something missing
                throw ApiProblem.invalid("replyId", Messages.get("answer.reply-not-found"));
            }
            Instant now = Times.now();
            Author replyAuthor = members.current(reply.author());
            ChosenAnswer answer = new ChosenAnswer(reply.id(), replyAuthor, PlainText.excerpt(reply.body()), now,
                    member.id(), replyAuthor.former() ? null : reply.organizationCodeAtPosting());
            PendingEvent solved = PostsEvents.questionSolved(postId, question.channelSlug(), question.title(),
                    question.author().memberId(), reply.id(), replyAuthor.memberId(), member.id(), now);
            Update update = Outbox.append(new Update().set(PostFields.ANSWER, answer), solved);
            if (mongo.updateFirst(asRead(question), update, Post.class).getModifiedCount() == 1) {
                afterWrite(postId);
                return lookup.visibleTo(postId, member);
            }
            // answered, unanswered, hidden or deleted meanwhile: read again
        }
        throw raced();
    }

    Post takeBack(String postId, CurrentMember member) {
        members.requireActive(member);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Post question = question(postId, member);
            if (!question.solved()) {
                return question;
            }
            Instant now = Times.now();
            Update update = Outbox.append(new Update().unset(PostFields.ANSWER),
                    PostsEvents.questionReopened(postId, question.answer().replyId(), member.id(), now));
            if (mongo.updateFirst(asRead(question), update, Post.class).getModifiedCount() == 1) {
                afterWrite(postId);
                return lookup.visibleTo(postId, member);
            }
        }
        throw raced();
    }

    /**
     * The question as the member may change its answer: 404 when they cannot see it, 409 when it is hidden (only
     * moderators see it then; a hidden thread takes no changes, as it takes no replies), 403 unless they asked it or
     * moderate, 422 when the post is no question.
     */
    private Post question(String postId, CurrentMember member) {
        Post post = lookup.openForActivity(postId, member);
        if (!post.isAuthor(member.id()) && !member.isModerator()) {
            throw ApiProblem.forbidden(Messages.get("answer.asker-or-moderator"));
        }
        if (post.kind() != PostKind.QUESTION) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, Messages.get("shared.not-possible.title"),
                    Messages.get("answer.questions-only"));
        }
        return post;
    }

    /** Matches the post only while it is open and its answer is still the one that was read. */
    private static Query asRead(Post question) {
        return Query.query(Criteria.where(PostFields.ID).is(question.id()).and(PostFields.DELETED).is(false)
                .and(PostFields.HIDDEN).is(false).and(PostFields.ANSWER_REPLY_ID)
                .is(question.answer() == null ? null : question.answer().replyId()));
    }

    private static ApiProblem raced() {
        return ApiProblem.conflict(Messages.get("post.changed-meanwhile"));
    }

    /** Sends the event now, and reindexes the thread (search filters and ranks by solved) before answering. */
    private void afterWrite(String postId) {
        outboxRelay.wakeUp();
        events.publishEvent(new ThreadChanged(postId));
    }
}
