package jp.kyoso.notifications.postsview;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param defaultChannels the channels posts-service creates on its first start: they exist before any event says so
 * @param grace           how long a subscription request waits for a channel or post this service has not heard of
 *                        yet (its event may still be on the way) before answering 404
 */
@ConfigurationProperties("kyoso.posts-view")
public record PostsViewProperties(List<String> defaultChannels, Duration grace) {
    public PostsViewProperties {
        defaultChannels = defaultChannels == null ? List.of("introductions", "general", "announcements")
                : List.copyOf(defaultChannels);
        grace = grace == null ? Duration.ofSeconds(2) : grace;
    }
}
