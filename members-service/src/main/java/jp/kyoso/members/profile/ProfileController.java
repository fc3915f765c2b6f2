package jp.kyoso.members.profile;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jp.kyoso.platform.security.CurrentMember;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "members", description = "プロフィールと名簿 / Profiles and directory")
class ProfileController {
    private final ProfileService profiles;

    ProfileController(ProfileService profiles) {
        this.profiles = profiles;
    }

    @GetMapping("/api/members/me")
    @Operation(operationId = "getOwnProfile", summary = "自分のプロフィール（メールとロール付き） / Own profile with email and roles")
    OwnProfile me(@AuthenticationPrincipal Jwt jwt) {
        return profiles.own(CurrentMember.of(jwt).id());
    }

    @PatchMapping("/api/members/me")
    @Operation(operationId = "updateOwnProfile", summary = "自分のプロフィールを変更する / Update own profile")
    OwnProfile update(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody ProfileUpdate changes) {
        return profiles.update(CurrentMember.of(jwt).id(), changes);
    }

    @GetMapping("/api/members/{id}")
    @Operation(operationId = "getMember", summary = "メンバーの公開プロフィール / A member's public profile")
    PublicProfile member(@PathVariable String id) {
        return profiles.publicProfile(id);
    }
}
