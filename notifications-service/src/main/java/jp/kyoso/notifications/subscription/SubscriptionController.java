package jp.kyoso.notifications.subscription;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jp.kyoso.platform.security.CurrentMember;
import jp.kyoso.platform.web.ApiProblem;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's watch level on a channel or a post. Channels and posts are not checked against posts-service: this
 * service may not have seen them yet, and a level on something that does not exist simply never fires.
 */
@RestController
@RequestMapping("/api/notifications/subscriptions")
class SubscriptionController {
    static final java.util.regex.Pattern POST_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final SubscriptionStore store;

    SubscriptionController(SubscriptionStore store) {
        this.store = store;
    }

    @PutMapping("/channels/{slug}")
    ChannelLevel channel(@AuthenticationPrincipal Jwt jwt, @PathVariable String slug,
                         @Valid @RequestBody LevelRequest request) {
        ChannelSlug.checked(slug);
        WatchLevel level = WatchLevel.valueOf(request.level());
        store.set(SubscriptionStore.channelKey(slug), CurrentMember.of(jwt).id(), level);
        return new ChannelLevel(slug, level);
    }

    @PutMapping("/posts/{postId}")
    PostLevel post(@AuthenticationPrincipal Jwt jwt, @PathVariable String postId,
                   @Valid @RequestBody LevelRequest request) {
        if (!POST_ID.matcher(postId).matches()) {
            throw ApiProblem.notFound("投稿が見つかりません / No such post");
        }
        WatchLevel level = WatchLevel.valueOf(request.level());
        store.set(SubscriptionStore.postKey(postId), CurrentMember.of(jwt).id(), level);
        return new PostLevel(postId, level);
    }

    record LevelRequest(
            @NotNull(message = "level を指定してください / level is required")
            @Pattern(regexp = "WATCHING|NORMAL|MUTED",
                    message = "WATCHING, NORMAL, MUTED のいずれかです / Must be WATCHING, NORMAL or MUTED")
            String level) {
    }

    record ChannelLevel(String channel, WatchLevel level) {
    }

    record PostLevel(String postId, WatchLevel level) {
    }
}
