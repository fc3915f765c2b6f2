package jp.kyoso.members.handover;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import jp.kyoso.platform.security.CurrentMember;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Everything under {@code /me}: a member names successors for their own positions only. */
@RestController
@Tag(name = "handovers", description = "異動時の引き継ぎ / Handovers at staff rotation")
class HandoverController {
    private final HandoverService handovers;

    HandoverController(HandoverService handovers) {
        this.handovers = handovers;
    }

    @PostMapping("/api/members/me/handovers")
    @Operation(operationId = "nameSuccessor",
            summary = "後任者を指名する（会員でなければ招待） / Name one's successor (invited if not a member)")
    @ResponseStatus(HttpStatus.CREATED) // for the API description; the answer sets it too, with the Location
    ResponseEntity<HandoverView> name(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody HandoverRequest request) {
        HandoverView created = handovers.name(CurrentMember.of(jwt).id(), request);
        return ResponseEntity.created(URI.create("/api/members/me/handovers/" + created.id())).body(created);
    }

    @GetMapping("/api/members/me/handovers")
    @Operation(operationId = "listOwnHandovers",
            summary = "自分が渡した・受けた引き継ぎ / The handovers one gave and received")
    HandoverLists list(@AuthenticationPrincipal Jwt jwt) {
        return handovers.list(CurrentMember.of(jwt).id());
    }

    @GetMapping("/api/members/me/handovers/{id}")
    @Operation(operationId = "getOwnHandover",
            summary = "引き継ぎ1件（前任者か後任者のみ） / One handover (its leaver or successor only)")
    HandoverView one(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return handovers.one(CurrentMember.of(jwt).id(), id);
    }
}
