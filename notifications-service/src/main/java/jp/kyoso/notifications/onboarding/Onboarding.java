package jp.kyoso.notifications.onboarding;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import jp.kyoso.notifications.Messages;
import jp.kyoso.notifications.fanout.Candidate;
import jp.kyoso.notifications.fanout.Notifier;
import jp.kyoso.notifications.inbox.NotificationContent;
import jp.kyoso.notifications.inbox.NotificationType;
import jp.kyoso.notifications.member.MemberDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** WELCOME on activation, and one FIRST_POST_NUDGE for a member who has not posted after a while. */
@Component
public class Onboarding {
    /** The nudge comes once per member: this key makes its notice id, so a second one would be a duplicate key. */
    static final String NUDGE_KEY = "first-post-nudge";
    private static final Logger log = LoggerFactory.getLogger(Onboarding.class);

    private final Notifier notifier;
    private final MemberDirectory members;
    private final OnboardingProperties properties;
    private final Clock clock;

    public Onboarding(Notifier notifier, MemberDirectory members, OnboardingProperties properties, Clock clock) {
        this.notifier = notifier;
        this.members = members;
        this.properties = properties;
        this.clock = clock;
    }

    public Duration nudgeAfter() {
        return properties.firstPostNudgeAfter();
    }

    public void welcome(String eventId, String memberId, Instant activatedAt) {
        NotificationContent content = new NotificationContent(eventId, null, null, null, null,
                Messages.get("onboarding.welcome.title"), Messages.get("onboarding.welcome.snippet"), null);
        notifier.notify(content, List.of(new Candidate(memberId, List.of(NotificationType.WELCOME))));
    }

    @Scheduled(fixedDelayString = "${kyoso.onboarding.check-interval:1m}",
            initialDelayString = "${kyoso.onboarding.check-interval:1m}")
    public void nudgeDueMembers() {
        try {
            int nudged = nudge(clock.instant());
            if (nudged > 0) {
                log.info("Sent the first-post nudge to {} members", nudged);
            }
        } catch (RuntimeException e) {
            log.warn("First-post nudges failed, will retry: {}", e.toString());
        }
    }

    /** Nudges the members that are due; safe on several instances at once (the notice id is fixed per member). */
    public int nudge(Instant now) {
        int nudged = 0;
        List<String> due = members.dueForFirstPostNudge(now, 500);
        for (String memberId : due) {
            NotificationContent content = new NotificationContent(NUDGE_KEY, null, null, null, null,
                    Messages.get("onboarding.first-post-nudge.title"),
                    Messages.get("onboarding.first-post-nudge.snippet"), null);
            nudged += notifier.notify(content, List.of(new Candidate(memberId,
                    List.of(NotificationType.FIRST_POST_NUDGE))));
            members.nudged(memberId);
        }
        return nudged;
    }
}
