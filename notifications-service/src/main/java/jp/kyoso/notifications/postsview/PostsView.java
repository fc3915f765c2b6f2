package jp.kyoso.notifications.postsview;

import java.time.Duration;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import jp.kyoso.notifications.store.BoundedMemo;
import jp.kyoso.platform.consumer.InboundEvent;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Which channels and posts exist, as far as the events of {@code kyoso.posts.v1} tell: this service never reads
 * posts-service's database. A channel is known from its {@code ChannelCreated} or from any event of a post in it; a
 * post from any of its events, and {@code PostDeleted} marks it gone (one post's events share a partition, so nothing
 * of it arrives after its deletion). The default channels are known from the start.
 *
 * <p>The view lags behind posts-service by the time an event takes to arrive. So "unknown" is not yet "absent":
 * {@link #channelExists} and {@link #postExists} wait up to {@code kyoso.posts-view.grace} for a channel or post
 * they have not heard of, and only then say no. A post known to be deleted is absent at once.
 */
@Component
public class PostsView {
    static final String CHANNELS = "known_channels";
    static final String POSTS = "known_posts";
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int REMEMBERED = 10_000;

    private final MongoTemplate mongo;
    private final PostsViewProperties properties;
    /**
     * What this instance wrote last, per post ({@code post:<id>} → its title, "" when no event told it) and channel
     * ({@code channel:<slug>}): every reply of a busy thread tells the same post and channel again, and writing them
     * again changes nothing. Bounded; an entry forgotten only costs its write again.
     */
    private final Map<String, String> written = BoundedMemo.of(REMEMBERED);

    public PostsView(MongoTemplate mongo, PostsViewProperties properties) {
        this.mongo = mongo;
        this.properties = properties;
    }

    /** Idempotent: applying an event twice changes nothing. */
    public void record(InboundEvent event) {
        String type = event.type();
        if (type.endsWith(".ChannelCreated.v1") || type.endsWith(".ChannelUpdated.v1")) {
            knowChannel(event.text("slug"));
            nameChannel(event.text("slug"), event.text("name"));
            return;
        }
        knowChannel(event.text("channelSlug"));
        String postId = event.text("postId");
        if (postId == null || postId.isBlank()) {
            return;
        }
        Query post = Query.query(Criteria.where("_id").is(postId));
        String key = "post:" + postId;
        if (type.endsWith(".PostDeleted.v1")) {
            mongo.upsert(post, new Update().set("deleted", true).set("deletedAt", new Date()), POSTS);
            written.remove(key);
        } else {
            // the title as the post's latest event tells it (one post's events arrive in order), for lists of watches
            String title = event.text("title") != null ? event.text("title") : event.text("postTitle");
            String before = written.get(key);
            if (before != null && (title == null || title.equals(before))) {
                return;
            }
            Update known = new Update().setOnInsert("deleted", false).setOnInsert("channel",
                    event.text("channelSlug")).setOnInsert("seenAt", new Date());
            if (title != null) {
                known.set("title", title);
            }
            mongo.upsert(post, known, POSTS);
            written.put(key, title != null ? title : "");
        }
    }

    /** What the view knows to show of a post or channel: its title or name (null if no event told it). */
    public record Described(String title, Date seenAt) {
    }

    /**
     * The titles of posts and the names of channels as far as the events told them (posts and channels first seen
     * before the view kept them have none), and when the view first heard of them: key {@code post:<id>} or
     * {@code channel:<slug>}, as subscriptions key them. Deleted posts are left out.
     */
    public Map<String, Described> describe(Collection<String> postIds, Collection<String> slugs) {
        Map<String, Described> described = new HashMap<>();
        if (!postIds.isEmpty()) {
            Query posts = Query.query(Criteria.where("_id").in(postIds).and("deleted").ne(true));
            posts.fields().include("title").include("seenAt");
            mongo.find(posts, Document.class, POSTS).forEach(post -> described.put("post:" + post.getString("_id"),
                    new Described(post.getString("title"), post.getDate("seenAt"))));
        }
        if (!slugs.isEmpty()) {
            mongo.find(Query.query(Criteria.where("_id").in(slugs)), Document.class, CHANNELS).forEach(channel ->
                    described.put("channel:" + channel.getString("_id"),
                            new Described(channel.getString("name"), channel.getDate("seenAt"))));
        }
        return described;
    }

    private void nameChannel(String slug, String name) {
        if (slug != null && !slug.isBlank() && name != null) {
            mongo.upsert(Query.query(Criteria.where("_id").is(slug)), new Update().set("name", name), CHANNELS);
        }
    }

    public boolean channelExists(String slug) {
        return properties.defaultChannels().contains(slug) || waitFor(() -> knownChannel(slug) ? Boolean.TRUE : null);
    }

    public boolean postExists(String postId) {
        return waitFor(() -> {
            Document post = mongo.findById(postId, Document.class, POSTS);
            return post == null ? null : !Boolean.TRUE.equals(post.getBoolean("deleted"));
        });
    }

    private boolean knownChannel(String slug) {
        return mongo.exists(Query.query(Criteria.where("_id").is(slug)), CHANNELS);
    }

    private void knowChannel(String slug) {
        if (slug != null && !slug.isBlank() && !written.containsKey("channel:" + slug)) {
            mongo.upsert(Query.query(Criteria.where("_id").is(slug)), new Update().setOnInsert("seenAt", new Date()),
                    CHANNELS);
            written.put("channel:" + slug, "");
        }
    }

    /** The answer as soon as the view has one, else false once the grace is over. */
    private boolean waitFor(Supplier<Boolean> answer) {
        long deadline = System.nanoTime() + properties.grace().toNanos();
        while (true) {
            Boolean known = answer.get();
            if (known != null) {
                return known;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
