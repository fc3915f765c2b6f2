package jp.kyoso.posts.handover;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import jp.kyoso.platform.web.ApiProblem;
import jp.kyoso.posts.Messages;
import jp.kyoso.posts.post.PostFields;
import jp.kyoso.posts.post.PostKind;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The threads of a handover page: what the leaver asked (posts she wrote, any kind) and answered (replies to others'
 * posts) during the job, [first day 00:00, last day 24:00) in Japan, up to now while the job's end is unknown.
 *
 * <p>Three indexed reads: her posts in the period ({@code author.memberId, createdAt}), the distinct threads of her
 * replies in the period (same index on {@code replies}), and those threads by id, only the fields the page shows and
 * only visible ones (hidden and deleted posts never appear). The order (open questions first, then the latest
 * activity) depends on whether a question has an answer, which no index holds, so the threads of one job (hundreds,
 * not millions) are ordered in memory and cut at the keyset cursor.
 */
@Service
class HandoverThreads {
    static final ZoneId JST = ZoneId.of("Asia/Tokyo");
    private static final String POSTS = "posts";
    private static final String REPLIES = "replies";
    private static final String REPLY_AUTHOR_ID = "author.memberId";
    private static final Comparator<HandoverThread> ORDER = Comparator
            .comparing((HandoverThread thread) -> !thread.open())
            .thenComparing(HandoverThread::lastActivityAt, Comparator.reverseOrder())
            .thenComparing(HandoverThread::postId, Comparator.reverseOrder());

    private final MongoTemplate mongo;

    HandoverThreads(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    HandoverThreadsPage list(String handoverId, String viewerId, String cursor, int limit) {
        HandoverCursor after = HandoverCursor.parse(cursor);
        HandoverRecord handover = mongo.findById(handoverId, HandoverRecord.class);
        if (handover == null) {
            // the view follows members-service a moment behind: a handover just bound may not be here yet
            throw ApiProblem.notFound(Messages.get("handover.not-here-yet"));
        }
        if (!viewerId.equals(handover.predecessorId()) && !viewerId.equals(handover.successorId())) {
            throw ApiProblem.forbidden(Messages.get("handover.leaver-or-successor-only"));
        }
        String to = handover.to() != null ? handover.to() : endFromMove(handover);
        Instant start = LocalDate.parse(handover.from()).atStartOfDay(JST).toInstant();
        Instant end = to == null ? null : LocalDate.parse(to).plusDays(1).atStartOfDay(JST).toInstant();
        String leader = handover.predecessorId();

        Query herPosts = inPeriod(PostFields.AUTHOR_ID, leader, start, end);
        herPosts.fields().include(PostFields.ID);
        Set<String> asked = ids(mongo.find(herPosts, Document.class, POSTS));
        Set<String> replied = new HashSet<>(mongo.findDistinct(inPeriod(REPLY_AUTHOR_ID, leader, start, end),
                "postId", REPLIES, String.class));
        Set<String> candidates = new LinkedHashSet<>(asked);
        candidates.addAll(replied);

        List<HandoverThread> threads = new ArrayList<>();
        if (!candidates.isEmpty()) {
            Query visible = Query.query(Criteria.where(PostFields.ID).in(candidates).and(PostFields.DELETED).is(false)
                    .and(PostFields.HIDDEN).is(false));
            visible.fields().include(PostFields.CHANNEL, PostFields.KIND, PostFields.TITLE, PostFields.AUTHOR_ID,
                    PostFields.CREATED_AT, PostFields.LAST_ACTIVITY_AT, PostFields.REPLY_COUNT,
                    PostFields.ANSWER_REPLY_ID);
            for (Document post : mongo.find(visible, Document.class, POSTS)) {
                HandoverThread thread = thread(post, leader, asked, replied);
                if (thread != null) {
                    threads.add(thread);
                }
            }
        }
        threads.sort(ORDER);

        List<HandoverThread> items = new ArrayList<>(limit);
        String next = null;
        for (HandoverThread thread : threads) {
            if (after != null && ORDER.compare(thread, keyOf(after)) <= 0) {
                continue;
            }
            if (items.size() == limit) {
                HandoverThread last = items.get(items.size() - 1);
                next = new HandoverCursor(last.open(), last.lastActivityAt(), last.postId()).encode();
                break;
            }
            items.add(thread);
        }
        return new HandoverThreadsPage(handover.id(), handover.from(), to, items, next);
    }

    /** A handover named while its leaver still held the job: its end, if her move has arrived meanwhile. */
    private String endFromMove(HandoverRecord handover) {
        EndedPosition ended = mongo.findById(EndedPosition.idOf(handover.predecessorId(), handover.from()),
                EndedPosition.class);
        return ended == null ? null : ended.to();
    }

    /**
     * @return null for a post of her own she only replied to in the period (written before the job: not this job's)
     */
    private static HandoverThread thread(Document post, String leader, Set<String> asked, Set<String> replied) {
        String id = post.getString(PostFields.ID);
        Document author = post.get("author", Document.class);
        boolean own = author != null && leader.equals(author.getString("memberId"));
        ThreadRole role;
        if (asked.contains(id)) {
            role = replied.contains(id) ? ThreadRole.BOTH : ThreadRole.ASKED;
        } else if (replied.contains(id) && !own) {
            role = ThreadRole.ANSWERED;
        } else {
            return null;
        }
        PostKind kind = PostKind.valueOf(post.getString(PostFields.KIND));
        Document answer = post.get(PostFields.ANSWER, Document.class);
        boolean question = kind == PostKind.QUESTION;
        boolean solved = question && answer != null && answer.getString("replyId") != null;
        Instant createdAt = post.getDate(PostFields.CREATED_AT).toInstant();
        Date lastActivity = post.getDate(PostFields.LAST_ACTIVITY_AT);
        return new HandoverThread(id, post.getString(PostFields.TITLE), kind, post.getString(PostFields.CHANNEL),
                createdAt, lastActivity == null ? createdAt : lastActivity.toInstant(),
                post.getInteger(PostFields.REPLY_COUNT, 0), question ? solved : null, question && !solved, role);
    }

    private static HandoverThread keyOf(HandoverCursor cursor) {
        return new HandoverThread(cursor.postId(), null, null, null, null, cursor.lastActivityAt(), 0, null,
                cursor.open(), null);
    }

    private static Set<String> ids(List<Document> documents) {
        Set<String> ids = new LinkedHashSet<>();
        documents.forEach(document -> ids.add(document.getString(PostFields.ID)));
        return ids;
    }

    /** The member's writings in [start, end), on the (author, createdAt) index of posts and of replies. */
    private static Query inPeriod(String authorField, String memberId, Instant start, Instant end) {
        Criteria criteria = Criteria.where(authorField).is(memberId).and(PostFields.CREATED_AT).gte(start);
        if (end != null) {
            criteria = criteria.lt(end);
        }
        return Query.query(criteria);
    }
}
