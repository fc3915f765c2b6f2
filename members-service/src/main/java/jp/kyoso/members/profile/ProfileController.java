package jp.kyoso.members.profile;

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
class ProfileController {
    private final ProfileService profiles;

    ProfileController(ProfileService profiles) {
        this.profiles = profiles;
    }

    @GetMapping("/api/members/me")
    OwnProfile me(@AuthenticationPrincipal Jwt jwt) {
        return profiles.own(CurrentMember.of(jwt).id());
    }

    @PatchMapping("/api/members/me")
    OwnProfile update(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody ProfileUpdate changes) {
        return profiles.update(CurrentMember.of(jwt).id(), changes);
    }

    @GetMapping("/api/members/{id}")
    PublicProfile member(@PathVariable String id) {
        return profiles.publicProfile(id);
    }
}
