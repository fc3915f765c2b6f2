package jp.kyoso.posts.channel;

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
        create("introductions", "自己紹介", "はじめまして、の投稿はこちらへ / Introduce yourself here", PostingPolicy.OPEN);
        create("general", "雑談", "業務の悩みや話題を気軽に / Anything work-related, casually", PostingPolicy.OPEN);
        create("announcements", "お知らせ", "運営からのお知らせ / Announcements from the moderators",
                PostingPolicy.MODERATORS);
        create("sessions", "勉強会 / Study sessions",
                "勉強会の案内と、参加者のふりかえり / Study sessions and what attendees learned", PostingPolicy.MODERATORS);
    }

    private void create(String slug, String name, String description, PostingPolicy policy) {
        if (channels.ensure(slug, name, description, policy)) {
            log.info("Created the default channel {}", slug);
        }
    }
}
