package jp.kyoso.members.nudge;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import jp.kyoso.platform.security.CurrentMember;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "members", description = "プロフィールと名簿 / Profiles and directory")
class NudgeController {
    private final NudgeService nudges;

    NudgeController(NudgeService nudges) {
        this.nudges = nudges;
    }

    record NudgeRequest(
            @NotNull(message = "{nudge.member-ids.missing}")
            @Size(min = 1, max = 200, message = "{nudge.member-ids.size}")
            List<@NotBlank(message = "{nudge.member-ids.empty-id}") String> memberIds,
            @NotBlank(message = "{nudge.title.missing}")
            @Size(max = 100, message = "{nudge.title.too-long}")
            String title,
            @NotBlank(message = "{nudge.body.missing}")
            @Size(max = 2000, message = "{nudge.body.too-long}")
            String body) {
    }

    @PostMapping("/api/members/nudges")
    @Operation(operationId = "sendNudges",
            summary = "まだ投稿していないメンバーに声をかける（モデレーター） / Nudge members who have never posted "
                    + "(moderators)")
    @PreAuthorize("hasAnyRole('MODERATOR', 'ADMIN')")
    NudgeService.Result send(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody NudgeRequest request) {
        return nudges.nudge(request.memberIds(), request.title().strip(), request.body().strip(),
                CurrentMember.of(jwt).id());
    }
}
