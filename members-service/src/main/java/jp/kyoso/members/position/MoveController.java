package jp.kyoso.members.position;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jp.kyoso.members.profile.OwnProfile;
import jp.kyoso.platform.security.CurrentMember;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "positions", description = "人事異動と前所属 / Staff rotation and past positions")
class MoveController {
    private final MoveService moves;

    MoveController(MoveService moves) {
        this.moves = moves;
    }

    @PostMapping("/api/members/me/moves")
    @Operation(operationId = "recordOwnMove",
            summary = "人事異動を登録する（発令日以降） / Record one's own move once it has taken effect")
    @ResponseStatus(HttpStatus.CREATED)
    OwnProfile move(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody MoveRequest request) {
        return moves.move(CurrentMember.of(jwt).id(), request);
    }
}
