package jp.kyoso.posts.channel;

import jakarta.validation.Valid;
import java.net.URI;
import jp.kyoso.platform.security.CurrentMember;
import jp.kyoso.posts.member.MemberDirectory;
import jp.kyoso.posts.shared.Page;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/channels")
class ChannelController {
    private final Channels channels;
    private final MemberDirectory members;

    ChannelController(Channels channels, MemberDirectory members) {
        this.channels = channels;
        this.members = members;
    }

    /** Every channel on one page: there are few, but the response has the shape of every list. */
    @GetMapping
    public Page<ChannelView> list() {
        return new Page<>(channels.list(), null);
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('MODERATOR','ADMIN')")
    public ResponseEntity<ChannelView> create(@AuthenticationPrincipal Jwt jwt,
                                              @Valid @RequestBody CreateChannelRequest request) {
        CurrentMember member = CurrentMember.of(jwt);
        members.requireActive(member);
        ChannelView created = channels.create(request, member.id());
        return ResponseEntity.created(URI.create("/api/channels/" + created.slug())).body(created);
    }
}
