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
            @NotNull(message = "memberIds を指定してください / Send the memberIds")
            @Size(min = 1, max = 200, message = "メンバーは1〜200人です / Between 1 and 200 members")
            List<@NotBlank(message = "メンバーIDが空です / Empty member id") String> memberIds,
            @NotBlank(message = "タイトルを入力してください / Enter a title")
            @Size(max = 100, message = "タイトルは100文字以下にしてください / The title must be at most 100 characters")
            String title,
            @NotBlank(message = "本文を入力してください / Enter a body")
            @Size(max = 2000, message = "本文は2000文字以下にしてください / The body must be at most 2000 characters")
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
