package jp.kyoso.posts.channel;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import jp.kyoso.platform.outbox.Outbox;
import jp.kyoso.platform.outbox.OutboxRelay;
import jp.kyoso.platform.web.ApiProblem;
import jp.kyoso.platform.web.ProblemTexts;
import jp.kyoso.posts.Messages;
import jp.kyoso.posts.events.PostsEvents;
import jp.kyoso.posts.shared.KeysetPaging;
import jp.kyoso.posts.shared.Page;
import jp.kyoso.posts.shared.Times;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Channels: creating, editing and archiving them (moderators), listing them with their kept post counts, the defaults. */
@Service
public class Channels {
    private static final int ATTEMPTS = 10;

    private final MongoTemplate mongo;
    private final OutboxRelay outboxRelay;
    private final Validator validator;

    public Channels(MongoTemplate mongo, OutboxRelay outboxRelay, Validator validator) {
        this.mongo = mongo;
        this.outboxRelay = outboxRelay;
        this.validator = validator;
    }

    public Optional<Channel> find(String slug) {
        if (slug == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(mongo.findById(slug, Channel.class));
    }

    /**
     * Oldest first, so that the default channels lead and a new channel joins at the end. The post counts are the
     * ones kept on the channel documents (ChannelPostCounts): listing reads the channels only.
     */
    public Page<ChannelView> list(String cursor, int limit) {
        List<Channel> found = mongo.find(KeysetPaging.after(new Query(), cursor, "createdAt", Sort.Direction.ASC,
                limit), Channel.class);
        return KeysetPaging.page(found, limit, Channels::view, Channel::createdAt, Channel::id);
    }

    public ChannelView create(CreateChannelRequest request, String createdBy) {
        Instant now = Times.now();
        String description = request.description() == null ? "" : request.description().strip();
        // a new channel has no posts: counted from its creation on
        Channel channel = new Channel(request.slug(), request.slug(), request.name().strip(), description,
                request.postingPolicy(), createdBy, now, false, null, null, null, null, 0L, now,
                List.of(PostsEvents.channelCreated(request.slug(), request.slug(), request.name().strip(),
                        description, request.postingPolicy().name(), createdBy, now)));
        try {
            mongo.insert(channel);
        } catch (DuplicateKeyException e) {
            throw ApiProblem.conflict(Messages.get("channel.slug-taken"));
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
        return view(existing(slug));
    }

    /**
     * Changes the name, description or posting policy (only the fields present; archived channels too). Each field is
     * checked by the rules of {@link CreateChannelRequest}, so both requests have one set of limits. The change and
     * its ChannelUpdated are one update of the channel document, conditional on the values it read (a concurrent
     * edit makes it read again), written only when a value changes.
     */
    public ChannelView update(String slug, EditChannelRequest request, String by) {
        EditChannelRequest edit = request == null ? EditChannelRequest.NOTHING : request;
        check(edit);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Channel current = existing(slug);
            String name = edit.name() == null ? current.name() : edit.name().strip();
            String description = edit.description() == null ? current.description() : edit.description().strip();
            PostingPolicy policy = edit.postingPolicy() == null ? current.postingPolicy() : edit.postingPolicy();
            Instant now = Times.now();
            Update update = new Update().set("updatedAt", now).set("updatedBy", by);
            List<String> changed = new ArrayList<>();
            if (!Objects.equals(name, current.name())) {
                changed.add("name");
                update.set("name", name);
            }
            if (!Objects.equals(description, current.description())) {
                changed.add("description");
                update.set("description", description);
            }
            if (policy != current.postingPolicy()) {
                changed.add("postingPolicy");
                update.set("postingPolicy", policy.name());
            }
            if (changed.isEmpty()) {
                return view(current);
            }
            Outbox.append(update, PostsEvents.channelUpdated(slug, slug, name, description, policy.name(), changed,
                    by, now));
            // every channel has a posting policy: creation requires one
            Query asRead = Query.query(Criteria.where("_id").is(slug).and("name").is(current.name())
                    .and("description").is(current.description())
                    .and("postingPolicy").is(current.postingPolicy().name()));
            if (mongo.updateFirst(asRead, update, Channel.class).getModifiedCount() == 1) {
                outboxRelay.wakeUp();
                return view(existing(slug));
            }
        }
        throw ApiProblem.conflict(Messages.get("channel.changed-meanwhile"));
    }

    /** The present fields against the constraints declared on CreateChannelRequest: 400 naming every bad field. */
    private void check(EditChannelRequest edit) {
        List<ApiProblem.FieldProblem> problems = new ArrayList<>();
        problems.addAll(problems("name", edit.name()));
        problems.addAll(problems("description", edit.description()));
        if (!problems.isEmpty()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, ProblemTexts.invalidInput(),
                    ProblemTexts.invalidFields(), problems);
        }
    }

    private List<ApiProblem.FieldProblem> problems(String field, Object value) {
        if (value == null) {
            return List.of();
        }
        return validator.validateValue(CreateChannelRequest.class, field, value).stream()
                .map(ConstraintViolation::getMessage).distinct().sorted()
                .map(message -> new ApiProblem.FieldProblem(field, message)).toList();
    }

    private Channel existing(String slug) {
        return find(slug).orElseThrow(() -> ApiProblem.notFound(Messages.get("channel.not-found")));
    }

    /** As the list shows it: the kept count of its visible posts. */
    private static ChannelView view(Channel channel) {
        return new ChannelView(channel.id(), channel.slug(), channel.name(), channel.description(),
                channel.postingPolicy(), channel.postCount(), channel.archived());
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
                .setOnInsert(ChannelPostCounts.COUNT, 0L).setOnInsert(ChannelPostCounts.AS_OF, now)
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
}
