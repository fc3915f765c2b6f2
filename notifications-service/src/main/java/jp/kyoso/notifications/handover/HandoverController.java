package jp.kyoso.notifications.handover;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jp.kyoso.platform.security.CurrentMember;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The watches part of the handover page (引き継ぎ): the web client reads the handover from members-service
 * ({@code GET /api/members/me/handovers}) and asks here, by its id, for the leaver's watches and to take them over.
 */
@RestController
@Tag(name = "handovers", description = "引き継ぎ / Handovers")
@RequestMapping("/api/notifications/handovers/{handoverId}")
class HandoverController {
    private final HandoverWatches watches;

    HandoverController(HandoverWatches watches) {
        this.watches = watches;
    }

    @GetMapping("/watches")
    @Operation(operationId = "listHandoverWatches", summary = "前任者が見守っているチャンネルと投稿（前任者か後任者） / "
            + "The leaver's current watches (the leaver or the successor)")
    HandoverWatchList list(@AuthenticationPrincipal Jwt jwt, @PathVariable String handoverId) {
        return watches.list(handoverId, CurrentMember.of(jwt).id());
    }

    @PostMapping("/take-over-watches")
    @Operation(operationId = "takeOverHandoverWatches", summary = "前任者の見守りを引き継ぐ（後任者、ミュートしたものはそのまま） / "
            + "Take over the leaver's watches (the successor; what you muted stays muted)")
    TakeOverResult takeOver(@AuthenticationPrincipal Jwt jwt, @PathVariable String handoverId,
                            @Valid @RequestBody(required = false) TakeOverRequest request) {
        return watches.takeOver(handoverId, CurrentMember.of(jwt).id(), request == null ? null : request.targets());
    }
}
