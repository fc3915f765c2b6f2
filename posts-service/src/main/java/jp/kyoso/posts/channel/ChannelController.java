package jp.kyoso.posts.channel;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.net.URI;
import jp.kyoso.platform.security.CurrentMember;
import jp.kyoso.posts.member.MemberDirectory;
import jp.kyoso.posts.shared.Page;
import jp.kyoso.posts.shared.PageLimits;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "channels", description = "チャンネル / Channels")
@RequestMapping("/api/channels")
class ChannelController {
    private final Channels channels;
    private final MemberDirectory members;

    ChannelController(Channels channels, MemberDirectory members) {
        this.channels = channels;
        this.members = members;
    }

    @GetMapping
    @Operation(operationId = "listChannels", summary = "チャンネル一覧（古い順） / List channels, oldest first")
    public Page<ChannelView> list(@RequestParam(required = false) Integer limit,
                                  @RequestParam(required = false) String cursor) {
        return channels.list(cursor, PageLimits.of(limit));
    }

    @PostMapping
    @Operation(operationId = "createChannel", summary = "チャンネルを作る（モデレーター） / Create a channel (moderators)")
    @PreAuthorize("hasAnyRole('MODERATOR','ADMIN')")
    public ResponseEntity<ChannelView> create(@AuthenticationPrincipal Jwt jwt,
                                              @Valid @RequestBody CreateChannelRequest request) {
        CurrentMember member = CurrentMember.of(jwt);
        members.requireActive(member);
        ChannelView created = channels.create(request, member.id());
        return ResponseEntity.created(URI.create("/api/channels/" + created.slug())).body(created);
    }

    /** No {@code @Valid}: every field is optional, and Channels checks the present ones by the creation rules. */
    @PatchMapping("/{slug}")
    @Operation(operationId = "updateChannel",
            summary = "チャンネルの名前・説明・投稿できる人を変える（モデレーター） / Edit a channel's name, description or posting policy (moderators)")
    @PreAuthorize("hasAnyRole('MODERATOR','ADMIN')")
    public ChannelView update(@AuthenticationPrincipal Jwt jwt, @PathVariable String slug,
                              @RequestBody(required = false) EditChannelRequest request) {
        CurrentMember member = CurrentMember.of(jwt);
        members.requireActive(member);
        return channels.update(slug, request, member.id());
    }

    @PostMapping("/{slug}/archive")
    @Operation(operationId = "archiveChannel",
            summary = "チャンネルをアーカイブする（モデレーター） / Archive a channel (moderators)")
    @PreAuthorize("hasAnyRole('MODERATOR','ADMIN')")
    public ChannelView archive(@AuthenticationPrincipal Jwt jwt, @PathVariable String slug) {
        CurrentMember member = CurrentMember.of(jwt);
        members.requireActive(member);
        return channels.setArchived(slug, true, member.id());
    }

    @PostMapping("/{slug}/unarchive")
    @Operation(operationId = "unarchiveChannel",
            summary = "チャンネルのアーカイブを解除する（モデレーター） / Take a channel out of the archive (moderators)")
    @PreAuthorize("hasAnyRole('MODERATOR','ADMIN')")
    public ChannelView unarchive(@AuthenticationPrincipal Jwt jwt, @PathVariable String slug) {
        CurrentMember member = CurrentMember.of(jwt);
        members.requireActive(member);
        return channels.setArchived(slug, false, member.id());
    }
}
