package jp.kyoso.posts.post;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import jp.kyoso.platform.outbox.Outbox;
import jp.kyoso.platform.outbox.OutboxRelay;
import jp.kyoso.platform.outbox.PendingEvent;
import jp.kyoso.platform.security.CurrentMember;
import jp.kyoso.platform.web.ApiProblem;
import jp.kyoso.posts.channel.Channel;
import jp.kyoso.posts.channel.Channels;
import jp.kyoso.posts.channel.PostingPolicy;
import jp.kyoso.posts.events.PostsEvents;
import jp.kyoso.posts.member.Author;
import jp.kyoso.posts.member.MemberDirectory;
import jp.kyoso.posts.mention.Mentions;
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
 * Publishing, editing and deleting posts. Each change and its event are one single-document write (the event in the
 * post's outbox), so neither can exist without the other.
 */
@Service
public class Posts {
    private static final int EDIT_ATTEMPTS = 5;

    private final MongoTemplate mongo;
    private final Channels channels;
    private final MemberDirectory members;
    private final Mentions mentions;
    private final PostLookup lookup;
    private final OutboxRelay outboxRelay;
    private final ApplicationEventPublisher events;

    public Posts(MongoTemplate mongo, Channels channels, MemberDirectory members, Mentions mentions,
                 PostLookup lookup, OutboxRelay outboxRelay, ApplicationEventPublisher events) {
        this.mongo = mongo;
        this.channels = channels;
        this.members = members;
        this.mentions = mentions;
        this.lookup = lookup;
        this.outboxRelay = outboxRelay;
        this.events = events;
    }

    public Post publish(CurrentMember member, CreatePostRequest request) {
        PostInput input = PostInput.check().title(request.title()).body(request.body());
        List<String> tags = input.tags(request.tags() == null ? List.of() : request.tags());
        input.orThrow();
        PostKind kind = PostKind.valueOf(request.kind());
        // well-formed but naming nothing: 422, as every reference to something that does not exist (README.md)
        Channel channel = channels.find(request.channel()).orElseThrow(() -> ApiProblem.invalid("channel",
                "チャンネルが見つかりません / No such channel"));
        if (!member.isModerator() && channel.postingPolicy() == PostingPolicy.MODERATORS) {
            throw ApiProblem.forbidden("このチャンネルに投稿できるのはモデレーターだけです / Only moderators can post in this channel");
        }
        if (!member.isModerator() && kind == PostKind.ANNOUNCEMENT) {
            throw ApiProblem.forbidden("お知らせを投稿できるのはモデレーターだけです / Only moderators can post announcements");
        }
        Author author = members.authorFor(member);
        List<String> mentioned = mentions.resolve(request.body(), member.id());
        Instant now = Times.now();
        String id = UUID.randomUUID().toString();
        String title = request.title().strip();
        PendingEvent published = PostsEvents.postPublished(id, channel.slug(), kind.name(), title,
                PlainText.excerpt(request.body()), tags, member.id(), mentioned, now);
        Post post = new Post(id, channel.slug(), kind, title, request.body(), tags, author, now, null, null, now, 0,
                Map.of(), mentioned, List.of(), false, null, null, false, null, null, List.of(), 0, 0, 0, null, 0,
                List.of(published));
        mongo.insert(post);
        afterWrite(id);
        return post;
    }

    public Post edit(String postId, CurrentMember editor, EditPostRequest request) {
        if (request.title() == null && request.body() == null && request.tags() == null) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "入力内容を確認してください / Invalid input",
                    "変更する項目 (title, body, tags) を指定してください / Give at least one of title, body, tags");
        }
        PostInput input = PostInput.check().title(request.title()).body(request.body());
        List<String> requestedTags = input.tags(request.tags());
        input.orThrow();
        members.requireActive(editor);
        for (int attempt = 0; attempt < EDIT_ATTEMPTS; attempt++) {
            Post post = lookup.visibleTo(postId, editor);
            requireAuthorOrModerator(post, editor, "編集できるのは投稿者かモデレーターだけです / Only the author or a moderator can edit");
            String title = request.title() == null ? post.title() : request.title().strip();
            String body = request.body() == null ? post.body() : request.body();
            List<String> tags = requestedTags == null ? post.tags() : requestedTags;
            if (title.equals(post.title()) && body.equals(post.body()) && Objects.equals(tags, post.tags())) {
                return post;
            }
            Instant now = Times.now();
            List<String> newlyMentioned = new ArrayList<>(mentions.resolve(body, post.author().memberId()));
            newlyMentioned.removeAll(post.mentionedMemberIds() == null ? List.of() : post.mentionedMemberIds());
            int number = (post.revisions() == null ? 0 : post.revisions().size()) + 1;
            Revision previous = new Revision(number, post.title(), post.body(), post.tags(),
                    post.editedBy() == null ? post.author().memberId() : post.editedBy(),
                    post.editedAt() == null ? post.createdAt() : post.editedAt(), editor.id(), now);
            Update update = new Update().set(PostFields.TITLE, title).set(PostFields.BODY, body)
                    .set(PostFields.TAGS, tags).set(PostFields.EDITED_AT, now).set(PostFields.EDITED_BY, editor.id())
                    .push(PostFields.REVISIONS, previous).inc(PostFields.VERSION, 1);
            if (!newlyMentioned.isEmpty()) {
                update.addToSet(PostFields.MENTIONED).each(newlyMentioned.toArray());
            }
            Outbox.append(update, PostsEvents.postEdited(postId, post.channelSlug(), title, PlainText.excerpt(body),
                    tags, editor.id(), post.author().memberId(), newlyMentioned, now));
            Query unchanged = Query.query(Criteria.where(PostFields.ID).is(postId).and(PostFields.VERSION)
                    .is(post.version()).and(PostFields.DELETED).is(false));
            if (mongo.updateFirst(unchanged, update, Post.class).getModifiedCount() == 1) {
                afterWrite(postId);
                return lookup.visibleTo(postId, editor);
            }
            // someone else edited (or deleted) it meanwhile: start again from what is stored now
        }
        throw ApiProblem.conflict("同時に編集されました。もう一度お試しください / The post was edited at the same time; please try again");
    }

    public void delete(String postId, CurrentMember member) {
        members.requireActive(member);
        Post post = lookup.visibleTo(postId, member);
        requireAuthorOrModerator(post, member, "削除できるのは投稿者かモデレーターだけです / Only the author or a moderator can delete");
        Instant now = Times.now();
        Update update = new Update().set(PostFields.DELETED, true).set(PostFields.DELETED_AT, now)
                .set(PostFields.DELETED_BY, member.id());
        Outbox.append(update, PostsEvents.postDeleted(postId, post.channelSlug(), member.id(), now));
        Query notDeleted = Query.query(Criteria.where(PostFields.ID).is(postId).and(PostFields.DELETED).is(false));
        if (mongo.updateFirst(notDeleted, update, Post.class).getModifiedCount() == 0) {
            throw PostLookup.notFound();
        }
        afterWrite(postId);
    }

    public List<RevisionView> revisions(String postId, CurrentMember member) {
        Post post = lookup.visibleTo(postId, member);
        requireAuthorOrModerator(post, member, "編集履歴を見られるのは投稿者かモデレーターだけです / Only the author or a moderator can see the revisions");
        List<RevisionView> views = new ArrayList<>();
        for (Revision revision : post.revisions() == null ? List.<Revision>of() : post.revisions()) {
            views.add(new RevisionView(revision.number(), revision.title(), revision.body(), revision.tags(),
                    revision.writtenBy(), revision.writtenAt(), false));
        }
        views.add(new RevisionView(views.size() + 1, post.title(), post.body(), post.tags(),
                post.editedBy() == null ? post.author().memberId() : post.editedBy(),
                post.editedAt() == null ? post.createdAt() : post.editedAt(), true));
        return views;
    }

    private static void requireAuthorOrModerator(Post post, CurrentMember member, String message) {
        if (!post.isAuthor(member.id()) && !member.isModerator()) {
            throw ApiProblem.forbidden(message);
        }
    }

    private void afterWrite(String postId) {
        outboxRelay.wakeUp();
        events.publishEvent(new ThreadChanged(postId));
    }
}
