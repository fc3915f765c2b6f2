package jp.kyoso.posts.reply;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import jp.kyoso.platform.outbox.OutboxRelay;
import jp.kyoso.platform.security.CurrentMember;
import jp.kyoso.posts.events.PostsEvents;
import jp.kyoso.posts.member.Author;
import jp.kyoso.posts.member.MemberDirectory;
import jp.kyoso.posts.mention.Mentions;
import jp.kyoso.posts.post.Post;
import jp.kyoso.posts.post.PostFields;
import jp.kyoso.posts.post.PostInput;
import jp.kyoso.posts.post.PostLookup;
import jp.kyoso.posts.shared.Cursors;
import jp.kyoso.posts.shared.Page;
import jp.kyoso.posts.shared.PlainText;
import jp.kyoso.posts.shared.ThreadChanged;
import jp.kyoso.posts.shared.Times;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/** Replies: a flat thread per post, oldest first. */
@Service
class Replies {
    private final MongoTemplate mongo;
    private final PostLookup lookup;
    private final MemberDirectory members;
    private final Mentions mentions;
    private final OutboxRelay outboxRelay;
    private final ApplicationEventPublisher events;

    Replies(MongoTemplate mongo, PostLookup lookup, MemberDirectory members, Mentions mentions,
            OutboxRelay outboxRelay, ApplicationEventPublisher events) {
        this.mongo = mongo;
        this.lookup = lookup;
        this.members = members;
        this.mentions = mentions;
        this.outboxRelay = outboxRelay;
        this.events = events;
    }

    Reply add(String postId, CurrentMember member, CreateReplyRequest request) {
        PostInput.check().body(request.body()).orThrow();
        Post post = lookup.openForActivity(postId, member);
        Author author = members.authorFor(member);
        List<String> mentioned = mentions.resolve(request.body(), member.id());
        Instant now = Times.now();
        String id = UUID.randomUUID().toString();
        Reply reply = new Reply(id, postId, request.body(), author, mentioned, now,
                List.of(PostsEvents.replyAdded(postId, id, post.channelSlug(), post.title(),
                        post.author().memberId(), member.id(), PlainText.excerpt(request.body()), mentioned, now)));
        mongo.insert(reply);
        outboxRelay.wakeUp();
        // The count is recounted rather than incremented: replies are never removed, so taking the larger of the
        // stored and the recounted value stays right under concurrent replies and heals after a crash between the
        // two writes.
        long count = mongo.count(Query.query(Criteria.where("postId").is(postId)), Reply.class);
        mongo.updateFirst(Query.query(Criteria.where(PostFields.ID).is(postId)),
                new Update().max(PostFields.REPLY_COUNT, (int) count).max(PostFields.LAST_ACTIVITY_AT, now),
                Post.class);
        events.publishEvent(new ThreadChanged(postId));
        return reply;
    }

    Page<ReplyView> list(String postId, CurrentMember member, String cursor, int limit) {
        lookup.visibleTo(postId, member);
        Cursors.Keyset after = Cursors.parseKeyset(cursor);
        Query query = Query.query(Criteria.where("postId").is(postId));
        if (after != null) {
            query.addCriteria(new Criteria().orOperator(
                    Criteria.where("createdAt").gt(after.at()),
                    Criteria.where("createdAt").is(after.at()).and("_id").gt(after.id())));
        }
        query.with(Sort.by(Sort.Direction.ASC, "createdAt", "_id")).limit(limit + 1);
        List<Reply> found = mongo.find(query, Reply.class);
        List<ReplyView> items = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, found.size()); i++) {
            items.add(ReplyView.of(found.get(i)));
        }
        String next = null;
        if (found.size() > limit) {
            ReplyView last = items.get(items.size() - 1);
            next = Cursors.keyset(last.createdAt(), last.id());
        }
        return new Page<>(items, next);
    }
}
