package jp.kyoso.posts.imports;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import jp.kyoso.platform.outbox.OutboxRelay;
import jp.kyoso.platform.outbox.PendingEvent;
import jp.kyoso.platform.web.ApiProblem;
import jp.kyoso.platform.web.ProblemTexts;
import jp.kyoso.posts.Messages;
import jp.kyoso.posts.channel.Channel;
import jp.kyoso.posts.channel.Channels;
import jp.kyoso.posts.citation.CitationFinder;
import jp.kyoso.posts.events.PostsEvents;
import jp.kyoso.posts.imports.ImportRequest.ImportedReply;
import jp.kyoso.posts.imports.ImportRequest.ImportedThread;
import jp.kyoso.posts.member.AuthorAtPosting;
import jp.kyoso.posts.member.MemberDirectory;
import jp.kyoso.posts.mention.Mentions;
import jp.kyoso.posts.post.Post;
import jp.kyoso.posts.post.PostFields;
import jp.kyoso.posts.post.PostInput;
import jp.kyoso.posts.post.PostKind;
import jp.kyoso.posts.reply.Reply;
import jp.kyoso.posts.shared.PlainText;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Brings threads from another platform's history into Kyoso through the same write as a new post: each thread is one
 * insert of the post with its events in its outbox ({@code PostPublished} and a {@code ReplyAdded} per reply, marked
 * {@code imported}), so search, channel counts, watching and the activation funnel learn of it as of any post, while
 * notifications-service tells no one (years-old messages are not news).
 *
 * <p>A request is checked whole before anything is written: bad content is 400, an unknown channel or member 422, and
 * then nothing changes. Ids come from the source and the external ids, so a batch sent again (after a timeout, or the
 * whole export run again) finds its threads already there and writes nothing twice. The replies are inserted before
 * their post: a post, and so its events, never exists without its replies; replies whose post insert was cut short are
 * invisible (their thread does not exist) until the same batch is sent again.
 */
@Service
public class ThreadImports {
    static final int MAX_THREADS = 200;
    static final int MAX_REPLIES = 1_000;
    /** A little clock skew between the exporting machine and this one is not an error; a message from the future is. */
    private static final Duration FUTURE_SKEW = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(ThreadImports.class);

    private final MongoTemplate mongo;
    private final Channels channels;
    private final MemberDirectory members;
    private final Mentions mentions;
    private final OutboxRelay outboxRelay;
    private final Clock clock;

    ThreadImports(MongoTemplate mongo, Channels channels, MemberDirectory members, Mentions mentions,
                  OutboxRelay outboxRelay, Clock clock) {
        this.mongo = mongo;
        this.channels = channels;
        this.members = members;
        this.mentions = mentions;
        this.outboxRelay = outboxRelay;
        this.clock = clock;
    }

    public ImportResult importThreads(ImportRequest request, String importedBy) {
        List<ImportedThread> threads = request.threads();
        checkContent(threads);
        Map<String, Channel> channelsBySlug = knownChannels(threads);
        Map<String, AuthorAtPosting> authors = knownAuthors(threads);

        List<String> postIds = threads.stream().map(thread -> postId(request.source(), thread)).toList();
        Set<String> existing = existingPosts(postIds);
        int imported = 0;
        int replies = 0;
        for (int i = 0; i < threads.size(); i++) {
            String postId = postIds.get(i);
            if (existing.contains(postId)) {
                continue;
            }
            ImportedThread thread = threads.get(i);
            if (write(request.source(), postId, thread, channelsBySlug.get(thread.channel()), authors)) {
                imported++;
                replies += repliesOf(thread).size();
            }
        }
        if (imported > 0) {
            outboxRelay.wakeUp();
        }
        log.info("imported {} threads with {} replies from {} ({} already there), by {}", imported, replies,
                request.source(), threads.size() - imported, importedBy);
        return new ImportResult(imported, replies, threads.size() - imported, postIds);
    }

    private void checkContent(List<ImportedThread> threads) {
        List<ApiProblem.FieldProblem> problems = new ArrayList<>();
        Instant latest = clock.instant().plus(FUTURE_SKEW);
        for (int i = 0; i < threads.size(); i++) {
            ImportedThread thread = threads.get(i);
            String at = "threads[" + i + "].";
            PostInput input = PostInput.check().title(thread.title()).body(thread.body());
            input.tags(thread.tags());
            input.problems().forEach(problem -> problems.add(
                    new ApiProblem.FieldProblem(at + problem.field(), problem.message())));
            if (thread.createdAt().isAfter(latest)) {
                problems.add(new ApiProblem.FieldProblem(at + "createdAt",
                        Messages.get("imports.created-at.future")));
            }
            List<ImportedReply> replies = repliesOf(thread);
            for (int r = 0; r < replies.size(); r++) {
                ImportedReply reply = replies.get(r);
                String replyAt = at + "replies[" + r + "].";
                PostInput.check().body(reply.body()).problems().forEach(problem -> problems.add(
                        new ApiProblem.FieldProblem(replyAt + problem.field(), problem.message())));
                if (reply.createdAt().isBefore(thread.createdAt()) || reply.createdAt().isAfter(latest)) {
                    problems.add(new ApiProblem.FieldProblem(replyAt + "createdAt",
                            Messages.get("imports.reply.created-at.out-of-range")));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, ProblemTexts.invalidInput(),
                    problems.get(0).message(), problems);
        }
    }

    private Map<String, Channel> knownChannels(List<ImportedThread> threads) {
        Map<String, Channel> found = new HashMap<>();
        for (int i = 0; i < threads.size(); i++) {
            String slug = threads.get(i).channel();
            if (!found.containsKey(slug)) {
                int index = i;
                found.put(slug, channels.find(slug).orElseThrow(() -> ApiProblem.invalid(
                        "threads[" + index + "].channel", Messages.get("imports.channel.missing", slug))));
            }
        }
        return found;
    }

    private Map<String, AuthorAtPosting> knownAuthors(List<ImportedThread> threads) {
        Map<String, AuthorAtPosting> found = new HashMap<>();
        for (int i = 0; i < threads.size(); i++) {
            ImportedThread thread = threads.get(i);
            requireKnown(found, thread.authorId(), "threads[" + i + "].authorId");
            List<ImportedReply> replies = repliesOf(thread);
            for (int r = 0; r < replies.size(); r++) {
                requireKnown(found, replies.get(r).authorId(), "threads[" + i + "].replies[" + r + "].authorId");
            }
        }
        return found;
    }

    private void requireKnown(Map<String, AuthorAtPosting> found, String memberId, String field) {
        if (!found.containsKey(memberId)) {
            AuthorAtPosting author = members.importedAuthor(memberId);
            if (author == null) {
                throw ApiProblem.invalid(field, Messages.get("imports.member.missing", memberId));
            }
            found.put(memberId, author);
        }
    }

    private Set<String> existingPosts(List<String> postIds) {
        Query query = Query.query(Criteria.where(PostFields.ID).in(postIds));
        query.fields().include(PostFields.ID);
        Set<String> existing = new HashSet<>();
        mongo.find(query, Document.class, "posts").forEach(post -> existing.add(post.getString(PostFields.ID)));
        return existing;
    }

    /** True when this call wrote the thread; false when another import of it got there first. */
    private boolean write(String source, String postId, ImportedThread thread, Channel channel,
                          Map<String, AuthorAtPosting> authors) {
        AuthorAtPosting writer = authors.get(thread.authorId());
        Instant importedAt = clock.instant();
        String title = thread.title().strip();
        List<String> tags = PostInput.check().tags(thread.tags() == null ? List.of() : thread.tags());
        List<String> mentioned = mentions.resolve(thread.body(), thread.authorId());
        List<PendingEvent> outbox = new ArrayList<>();
        outbox.add(PostsEvents.importedPostPublished(postId, channel.slug(), thread.kind(), title,
                PlainText.excerpt(thread.body()), tags, thread.authorId(), mentioned, thread.createdAt(), importedAt));

        List<Reply> replies = new ArrayList<>();
        Instant lastActivity = thread.createdAt();
        Instant firstAnswer = null;
        for (ImportedReply imported : repliesOf(thread)) {
            AuthorAtPosting replier = authors.get(imported.authorId());
            List<String> replyMentions = mentions.resolve(imported.body(), imported.authorId());
            Reply reply = new Reply(replyId(source, thread, imported), postId, imported.body(), replier.author(),
                    replyMentions, imported.createdAt(), replier.organization(), replier.organizationCode());
            replies.add(reply);
            outbox.add(PostsEvents.importedReplyAdded(postId, reply.id(), channel.slug(), title, thread.authorId(),
                    imported.authorId(), PlainText.excerpt(imported.body()), replyMentions, imported.createdAt(), importedAt));
            lastActivity = lastActivity.isAfter(imported.createdAt()) ? lastActivity : imported.createdAt();
            if (!imported.authorId().equals(thread.authorId())
                    && (firstAnswer == null || imported.createdAt().isBefore(firstAnswer))) {
                firstAnswer = imported.createdAt();
            }
        }
        insertReplies(replies);

        Post post = new Post(postId, channel.slug(), PostKind.valueOf(thread.kind()), title, thread.body(), tags,
                writer.author(), thread.createdAt(), null, null, lastActivity, replies.size(), Map.of(), mentioned,
                List.of(), false, null, null, false, null, null, List.of(), 0, 0, 0, null, 0, null, null, List.of(),
                null, CitationFinder.find(title, thread.body()), null, writer.organization(),
                writer.organizationCode(), outbox);
        Document document = new Document();
        mongo.getConverter().write(post, document);
        if (firstAnswer != null) {
            document.put(PostFields.FIRST_ANSWER_AT, firstAnswer);
        }
        try {
            mongo.insert(document, "posts");
            return true;
        } catch (DuplicateKeyException sameThreadAtOnce) {
            return false;
        }
    }

    /** One insert for the thread's replies; one by one only when some are there already (a batch sent again). */
    private void insertReplies(List<Reply> replies) {
        if (replies.isEmpty()) {
            return;
        }
        try {
            mongo.insertAll(replies);
        } catch (DuplicateKeyException partlyThere) {
            for (Reply reply : replies) {
                try {
                    mongo.insert(reply);
                } catch (DuplicateKeyException alreadyThere) {
                    // written by the attempt that was cut short; the same content, since the id says so
                }
            }
        }
    }

    private static List<ImportedReply> repliesOf(ImportedThread thread) {
        return thread.replies() == null ? List.of() : thread.replies();
    }

    static String postId(String source, ImportedThread thread) {
        return uuid("import:" + source + ":" + thread.externalId());
    }

    private static String replyId(String source, ImportedThread thread, ImportedReply reply) {
        return uuid("import:" + source + ":" + thread.externalId() + ":" + reply.externalId());
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
