package jp.kyoso.posts.unanswered;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.List;
import jp.kyoso.platform.security.CurrentMember;
import jp.kyoso.posts.Messages;
import jp.kyoso.posts.shared.BadRequest;
import jp.kyoso.posts.shared.Page;
import jp.kyoso.posts.shared.PageLimits;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The moderators' view of questions waiting for an answer, how long answers take, and whom to ask. */
@RestController
@Tag(name = "moderation", description = "通報とモデレーション / Reports and moderation")
class AnsweringController {
    private static final String MODERATORS = "hasAnyRole('MODERATOR','ADMIN')";
    static final int MAX_HOURS = 24 * 365;
    static final int MAX_WEEKS = 104;
    static final int MAX_SUGGESTIONS = 20;

    private final UnansweredQuestions unanswered;
    private final AnswerTimes answerTimes;
    private final SuggestedAnswerers suggestedAnswerers;
    private final Duration defaultThreshold;

    AnsweringController(UnansweredQuestions unanswered, AnswerTimes answerTimes,
                        SuggestedAnswerers suggestedAnswerers,
                        @Value("${kyoso.moderation.unanswered-after:48h}") Duration defaultThreshold) {
        this.unanswered = unanswered;
        this.answerTimes = answerTimes;
        this.suggestedAnswerers = suggestedAnswerers;
        this.defaultThreshold = defaultThreshold;
    }

    /** {@code ?olderThanHours=} (default {@code kyoso.moderation.unanswered-after}, 48 hours), 0..8760. */
    @GetMapping("/api/moderation/unanswered")
    @Operation(operationId = "listUnansweredQuestions", summary = "未回答の質問（古い順、モデレーター） / Unanswered questions, oldest first (moderators)")
    @PreAuthorize(MODERATORS)
    public Page<UnansweredQuestion> unanswered(@RequestParam(required = false) Integer olderThanHours,
                                               @RequestParam(required = false) Integer limit,
                                               @RequestParam(required = false) String cursor) {
        Duration threshold = defaultThreshold;
        if (olderThanHours != null) {
            if (olderThanHours < 0 || olderThanHours > MAX_HOURS) {
                throw BadRequest.field("olderThanHours",
                        Messages.get("unanswered.older-than-hours.out-of-range"));
            }
            threshold = Duration.ofHours(olderThanHours);
        }
        return unanswered.list(threshold, cursor, PageLimits.of(limit));
    }

    @GetMapping("/api/moderation/answer-times")
    @Operation(operationId = "getAnswerTimes", summary = "最初の回答までの時間（週ごとの中央値と 90 パーセンタイル、モデレーター） / Time to first answer per week, median and p90 (moderators)")
    @PreAuthorize(MODERATORS)
    public AnswerTimesView answerTimes(@RequestParam(required = false, defaultValue = "12") int weeks) {
        if (weeks < 1 || weeks > MAX_WEEKS) {
            throw BadRequest.field("weeks", Messages.get("unanswered.weeks.out-of-range"));
        }
        return answerTimes.weeks(weeks);
    }

    @GetMapping("/api/posts/{postId}/suggested-answerers")
    @Operation(operationId = "suggestAnswerers", summary = "回答できそうな人（似た質問に答えたメンバー、モデレーター） / Members who answered similar questions (moderators)")
    @PreAuthorize(MODERATORS)
    public SuggestedAnswerersView suggestedAnswerers(@AuthenticationPrincipal Jwt jwt, @PathVariable String postId,
                                                     @RequestParam(required = false, defaultValue = "5") int limit) {
        if (limit < 1 || limit > MAX_SUGGESTIONS) {
            throw BadRequest.field("limit", Messages.get("unanswered.limit.out-of-range"));
        }
        return new SuggestedAnswerersView(suggestedAnswerers.suggest(postId, CurrentMember.of(jwt), limit));
    }

    public record SuggestedAnswerersView(List<SuggestedAnswerer> items) {
    }
}
