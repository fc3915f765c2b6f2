package jp.kyoso.posts.channel;

import jp.kyoso.posts.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A new platform has somewhere to introduce oneself, to chat, to read announcements, and to find study sessions
 * (moderators post them; every member RSVPs and writes in their threads).
 */
@Component
class DefaultChannels {
    private static final Logger log = LoggerFactory.getLogger(DefaultChannels.class);

    private final Channels channels;

    DefaultChannels(Channels channels) {
        this.channels = channels;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ensureDefaults() {
        create("introductions", Messages.get("channel.default.introductions.name"),
                Messages.get("channel.default.introductions.description"), PostingPolicy.OPEN);
        create("general", Messages.get("channel.default.general.name"),
                Messages.get("channel.default.general.description"), PostingPolicy.OPEN);
        create("announcements", Messages.get("channel.default.announcements.name"),
                Messages.get("channel.default.announcements.description"), PostingPolicy.MODERATORS);
        create("sessions", Messages.get("channel.default.sessions.name"),
                Messages.get("channel.default.sessions.description"), PostingPolicy.MODERATORS);
    }

    private void create(String slug, String name, String description, PostingPolicy policy) {
        if (channels.ensure(slug, name, description, policy)) {
            log.info("Created the default channel {}", slug);
        }
    }
}
