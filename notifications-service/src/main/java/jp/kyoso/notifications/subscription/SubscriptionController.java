package jp.kyoso.notifications.subscription;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jp.kyoso.notifications.Messages;
import jp.kyoso.notifications.postsview.PostsView;
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
 * The caller's watch level on a channel or a post. A channel or post that this service's view of the posts events
 * ({@link PostsView}) does not know, after a short grace for events still on the way, or a post it knows was deleted,
 * is 404.
 */
@RestController
@Tag(name = "preferences", description = "通知の設定と購読 / Preferences and subscriptions")
@RequestMapping("/api/notifications/subscriptions")
class SubscriptionController {
    static final java.util.regex.Pattern POST_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final SubscriptionStore store;
    private final PostsView view;

    SubscriptionController(SubscriptionStore store, PostsView view) {
        this.store = store;
        this.view = view;
    }

    @PutMapping("/channels/{slug}")
    @Operation(operationId = "setChannelSubscription", summary = "チャンネルの購読レベル / Watch level on a channel")
    ChannelLevel channel(@AuthenticationPrincipal Jwt jwt, @PathVariable String slug,
                         @Valid @RequestBody LevelRequest request) {
        ChannelSlug.checked(slug);
        if (!view.channelExists(slug)) {
            throw ApiProblem.notFound(Messages.get("subscription.channel-not-found"));
        }
        WatchLevel level = WatchLevel.valueOf(request.level());
        store.set(SubscriptionStore.channelKey(slug), CurrentMember.of(jwt).id(), level);
        return new ChannelLevel(slug, level);
    }

    @PutMapping("/posts/{postId}")
    @Operation(operationId = "setPostSubscription", summary = "投稿の購読レベル / Watch level on a post")
    PostLevel post(@AuthenticationPrincipal Jwt jwt, @PathVariable String postId,
                   @Valid @RequestBody LevelRequest request) {
        if (!POST_ID.matcher(postId).matches() || !view.postExists(postId)) {
            throw ApiProblem.notFound(Messages.get("subscription.post-not-found"));
        }
        WatchLevel level = WatchLevel.valueOf(request.level());
        store.set(SubscriptionStore.postKey(postId), CurrentMember.of(jwt).id(), level);
        return new PostLevel(postId, level);
    }

    record LevelRequest(
            @NotNull(message = "{subscription.level.required}")
            @Pattern(regexp = "WATCHING|NORMAL|MUTED",
                    message = "{subscription.level.invalid}")
            String level) {
    }

    record ChannelLevel(String channel, WatchLevel level) {
    }

    record PostLevel(String postId, WatchLevel level) {
    }
}
