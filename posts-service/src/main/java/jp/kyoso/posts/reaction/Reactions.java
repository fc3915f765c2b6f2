package jp.kyoso.posts.reaction;

import java.text.Normalizer;
import java.time.Instant;
import jp.kyoso.platform.outbox.Outbox;
import jp.kyoso.platform.outbox.OutboxRelay;
import jp.kyoso.platform.security.CurrentMember;
import jp.kyoso.posts.Messages;
import jp.kyoso.posts.events.PostsEvents;
import jp.kyoso.posts.member.MemberDirectory;
import jp.kyoso.posts.post.Post;
import jp.kyoso.posts.post.PostFields;
import jp.kyoso.posts.post.PostLookup;
import jp.kyoso.posts.post.ThreadHead;
import jp.kyoso.posts.shared.BadRequest;
import jp.kyoso.posts.shared.Times;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Reactions: one per member and emoji, kept as a set in the post. Adding is conditional on the member not being in
 * the set yet, so a repeated PUT changes nothing and publishes nothing.
 */
@Service
class Reactions {
    private final MongoTemplate mongo;
    private final PostLookup lookup;
    private final MemberDirectory members;
    private final OutboxRelay outboxRelay;

    Reactions(MongoTemplate mongo, PostLookup lookup, MemberDirectory members, OutboxRelay outboxRelay) {
        this.mongo = mongo;
        this.lookup = lookup;
        this.members = members;
        this.outboxRelay = outboxRelay;
    }

    void add(String postId, String rawEmoji, CurrentMember member) {
        String emoji = checked(rawEmoji);
        members.requireActive(member);
        ThreadHead post = lookup.headOpenForActivity(postId, member);
        String field = PostFields.REACTIONS + "." + emoji;
        Instant now = Times.now();
        Update update = new Update().addToSet(field, member.id());
        Outbox.append(update, PostsEvents.reactionAdded(postId, post.channelSlug(), post.title(),
                post.author().memberId(), member.id(), emoji, now));
        Query notYet = Query.query(Criteria.where(PostFields.ID).is(postId).and(PostFields.DELETED).is(false)
                .and(PostFields.HIDDEN).is(false).and(field).ne(member.id()));
        if (mongo.updateFirst(notYet, update, Post.class).getModifiedCount() == 1) {
            outboxRelay.wakeUp();
        }
    }

    void remove(String postId, String rawEmoji, CurrentMember member) {
        String emoji = checked(rawEmoji);
        members.requireActive(member);
        lookup.headOpenForActivity(postId, member);
        String field = PostFields.REACTIONS + "." + emoji;
        mongo.updateFirst(Query.query(Criteria.where(PostFields.ID).is(postId).and(field).is(member.id())),
                new Update().pull(field, member.id()), Post.class);
    }

    /** The emoji as the reaction's key: one emoji, with or without its presentation selector (❤ = ❤️). */
    private static String checked(String raw) {
        String emoji = raw == null ? "" : Normalizer.normalize(raw, Normalizer.Form.NFC);
        if (!Emoji.isSingle(emoji)) {
            throw BadRequest.field("emoji", Messages.get("reaction.emoji.invalid"));
        }
        return Emoji.key(emoji);
    }
}
