package jp.kyoso.posts.channel;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import jp.kyoso.platform.security.CurrentMember;
import jp.kyoso.platform.web.ApiProblem;
import org.springframework.http.ResponseEntity;
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

    ChannelController(Channels channels) {
        this.channels = channels;
    }

    @GetMapping
    List<ChannelView> list() {
        return channels.list();
    }

    @PostMapping
    ResponseEntity<ChannelView> create(@AuthenticationPrincipal Jwt jwt,
                                       @Valid @RequestBody CreateChannelRequest request) {
        CurrentMember member = CurrentMember.of(jwt);
        if (!member.isModerator()) {
            throw ApiProblem.forbidden("チャンネルを作成できるのはモデレーターだけです / Only moderators can create channels");
        }
        ChannelView created = channels.create(request, member.id());
        return ResponseEntity.created(URI.create("/api/channels/" + created.slug())).body(created);
    }
}
