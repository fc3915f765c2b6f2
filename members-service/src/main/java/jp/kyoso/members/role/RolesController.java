package jp.kyoso.members.role;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import jp.kyoso.platform.security.CurrentMember;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "members", description = "プロフィールと名簿 / Profiles and directory")
class RolesController {
    private final RoleService roles;

    RolesController(RoleService roles) {
        this.roles = roles;
    }

    /** MEMBER is always kept: {@code ["MODERATOR"]} gives {@code ["MEMBER","MODERATOR"]}. */
    record RolesRequest(@NotNull(message = "{role.roles.missing}")
                        @Size(max = 3, message = "{role.roles.too-many}")
                        List<@NotNull(message = "{role.roles.empty-role}") String> roles) {
    }

    @PutMapping("/api/members/{id}/roles")
    @Operation(operationId = "setMemberRoles", summary = "メンバーのロールを設定する（モデレーター。ADMIN の付け外しは"
            + "管理者のみ） / Set a member's roles (moderators; ADMIN only by admins)")
    @PreAuthorize("hasAnyRole('MODERATOR', 'ADMIN')")
    RoleService.MemberRoles change(@AuthenticationPrincipal Jwt jwt, @PathVariable String id,
                                   @Valid @RequestBody RolesRequest request) {
        return roles.change(id, request.roles(), CurrentMember.of(jwt));
    }
}
