package jp.kyoso.posts.channel;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.kyoso.platform.outbox.Outbox;
import jp.kyoso.platform.outbox.OutboxRelay;
import jp.kyoso.platform.web.ApiProblem;
import jp.kyoso.posts.events.PostsEvents;
import jp.kyoso.posts.shared.KeysetPaging;
import jp.kyoso.posts.shared.Page;
import jp.kyoso.posts.shared.Times;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Channels: creating them (moderators), listing them with their post counts, and the default ones. */
@Service
public class Channels {
    private final MongoTemplate mongo;
    private final OutboxRelay outboxRelay;

    public Channels(MongoTemplate mongo, OutboxRelay outboxRelay) {
        this.mongo = mongo;
        this.outboxRelay = outboxRelay;
    }

    public Optional<Channel> find(String slug) {
        if (slug == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(mongo.findById(slug, Channel.class));
    }

    /** Oldest first, so that the default channels lead and a new channel joins at the end. */
    public Page<ChannelView> list(String cursor, int limit) {
        List<Channel> found = mongo.find(KeysetPaging.after(new Query(), cursor, "createdAt", Sort.Direction.ASC,
                limit), Channel.class);
        Map<String, Long> counts = postCounts();
        return KeysetPaging.page(found, limit, channel -> new ChannelView(channel.id(), channel.slug(), channel.name(),
                channel.description(), channel.postingPolicy(), counts.getOrDefault(channel.slug(), 0L),
                channel.archived()),
                Channel::createdAt, Channel::id);
    }

    public ChannelView create(CreateChannelRequest request, String createdBy) {
        Instant now = Times.now();
        String description = request.description() == null ? "" : request.description().strip();
        Channel channel = new Channel(request.slug(), request.slug(), request.name().strip(), description,
                request.postingPolicy(), createdBy, now, false, null, null,
                List.of(PostsEvents.channelCreated(request.slug(), request.slug(), request.name().strip(),
                        description, request.postingPolicy().name(), createdBy, now)));
        try {
            mongo.insert(channel);
        } catch (DuplicateKeyException e) {
            throw ApiProblem.conflict("このスラッグのチャンネルは既にあります / A channel with this slug already exists");
        }
        outboxRelay.wakeUp();
        return new ChannelView(channel.id(), channel.slug(), channel.name(), channel.description(),
                channel.postingPolicy(), 0, false);
    }

    /**
     * Archives the channel or takes it out of the archive: one conditional update of the channel document with its
     * ChannelArchived event, written only when the state changes (archiving twice is one event).
     */
    public ChannelView setArchived(String slug, boolean archived, String by) {
        Instant now = Times.now();
        Update update = new Update().set("archived", archived).set("archivedAt", archived ? now : null)
                .set("archivedBy", archived ? by : null);
        Outbox.append(update, PostsEvents.channelArchived(slug, slug, archived, by, now));
        Query changes = Query.query(Criteria.where("_id").is(slug).and("archived").ne(archived));
        if (mongo.updateFirst(changes, update, Channel.class).getModifiedCount() == 1) {
            outboxRelay.wakeUp();
        }
        Channel channel = find(slug).orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND,
                "見つかりません / Not found", "チャンネルが見つかりません / No such channel"));
        long count = mongo.count(Query.query(Criteria.where("channelSlug").is(slug).and("deleted").is(false)
                .and("hidden").is(false)), "posts");
        return new ChannelView(channel.id(), channel.slug(), channel.name(), channel.description(),
                channel.postingPolicy(), count, channel.archived());
    }

    /**
     * Creates the channel unless it exists, in one upsert keyed by the slug: several instances starting at once create
     * it once, and ChannelCreated is written only by the upsert that inserted the document.
     *
     * @return whether this call created it
     */
    public boolean ensure(String slug, String name, String description, PostingPolicy policy) {
        Instant now = Times.now();
        Update update = new Update().setOnInsert("slug", slug).setOnInsert("name", name)
                .setOnInsert("description", description).setOnInsert("postingPolicy", policy.name())
                .setOnInsert("createdBy", "system").setOnInsert("createdAt", now)
                .setOnInsert("outbox", List.of(PostsEvents.channelCreated(slug, slug, name, description,
                        policy.name(), "system", now)));
        try {
            Channel before = mongo.findAndModify(Query.query(Criteria.where("_id").is(slug)), update,
                    FindAndModifyOptions.options().upsert(true).returnNew(false), Channel.class);
            if (before == null) {
                outboxRelay.wakeUp();
                return true;
            }
            return false;
        } catch (DuplicateKeyException raced) {
            return false;
        }
    }

    private Map<String, Long> postCounts() {
        Aggregation aggregation = Aggregation.newAggregation(
                Aggregation.match(Criteria.where("deleted").is(false).and("hidden").is(false)),
                Aggregation.group("channelSlug").count().as("count"));
        Map<String, Long> counts = new HashMap<>();
        for (Document row : mongo.aggregate(aggregation, "posts", Document.class)) {
            Object count = row.get("count");
            counts.put(String.valueOf(row.get("_id")), count instanceof Number n ? n.longValue() : 0L);
        }
        return counts;
    }
}
