package jp.kyoso.posts.handover;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jp.kyoso.platform.security.CurrentMember;
import jp.kyoso.posts.shared.PageLimits;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The threads of a handover page (引き継ぎ): the web client reads the handover itself from members-service
 * ({@code GET /api/members/me/handovers}) and asks here for the threads by its id.
 */
@RestController
@Tag(name = "handovers", description = "引き継ぎ / Handovers")
class HandoverController {
    private final HandoverThreads threads;

    HandoverController(HandoverThreads threads) {
        this.threads = threads;
    }

    @GetMapping("/api/posts/handovers/{handoverId}/threads")
    @Operation(operationId = "listHandoverThreads", summary = "引き継ぎのスレッド（前任者が質問・回答したもの、未解決の質問が先） / "
            + "A handover's threads: what the leaver asked and answered in the job, open questions first")
    HandoverThreadsPage list(@AuthenticationPrincipal Jwt jwt, @PathVariable String handoverId,
                             @RequestParam(required = false) Integer limit,
                             @RequestParam(required = false) String cursor) {
        return threads.list(handoverId, CurrentMember.of(jwt).id(), cursor, PageLimits.of(limit));
    }
}
