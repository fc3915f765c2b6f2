package jp.kyoso.notifications.handover;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jp.kyoso.notifications.subscription.SubscriptionStore;

/**
 * A channel or post someone watches: {@code type} {@code post} or {@code channel}, {@code id} the post id or the
 * channel slug.
 */
public record WatchTarget(
        @NotNull(message = "{handover.target.type.required}")
        @Pattern(regexp = "post|channel", message = "{handover.target.type.invalid}")
        String type,
        @NotNull(message = "{handover.target.id.required}")
        @Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "{handover.target.id.invalid}")
        String id) {

    static final String POST = "post";
    static final String CHANNEL = "channel";

    /** The subscription's key ({@code post:<id>}, {@code channel:<slug>}). */
    String key() {
        return POST.equals(type) ? SubscriptionStore.postKey(id) : SubscriptionStore.channelKey(id);
    }

    /** From a subscription's key; null for a key of another kind. */
    static WatchTarget ofKey(String key) {
        if (key.startsWith(POST + ":")) {
            return new WatchTarget(POST, key.substring(POST.length() + 1));
        }
        if (key.startsWith(CHANNEL + ":")) {
            return new WatchTarget(CHANNEL, key.substring(CHANNEL.length() + 1));
        }
        return null;
    }
}
