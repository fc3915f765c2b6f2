package jp.kyoso.notifications.member;

import java.util.List;
import jp.kyoso.notifications.delivery.DeliveryStore;
import jp.kyoso.notifications.fanout.EventFields;
import jp.kyoso.notifications.onboarding.Onboarding;
import jp.kyoso.notifications.inbox.InboxStore;
import jp.kyoso.notifications.preference.PreferenceStore;
import jp.kyoso.notifications.session.SessionView;
import jp.kyoso.notifications.subscription.SubscriptionStore;
import jp.kyoso.platform.consumer.InboundEvent;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Keeps the members projection, welcomes activated members, and erases a deactivated member's personal data from
 * every collection of this service.
 */
@Component
class MemberProjection {
    private final MemberDirectory directory;
    private final Onboarding onboarding;
    private final PreferenceStore preferences;
    private final SubscriptionStore subscriptions;
    private final InboxStore inbox;
    private final DeliveryStore deliveries;
    private final SessionView sessions;

    MemberProjection(MemberDirectory directory, Onboarding onboarding, PreferenceStore preferences,
                 SubscriptionStore subscriptions, InboxStore inbox, DeliveryStore deliveries, SessionView sessions) {
        this.directory = directory;
        this.onboarding = onboarding;
        this.preferences = preferences;
        this.subscriptions = subscriptions;
        this.inbox = inbox;
        this.deliveries = deliveries;
        this.sessions = sessions;
    }

    void apply(InboundEvent event) {
        String memberId = event.text("memberId");
        String type = event.type();
        if (type.endsWith(".MemberRegistered.v1")) {
            Update update = profile(event);
            if (directory.find(memberId) == null) {
                update.set("status", Member.PENDING);
            }
            directory.update(memberId, update);
        } else if (type.endsWith(".MemberActivated.v1")) {
            Update update = profile(event).set("roles", EventFields.list(event, "roles"));
            directory.activated(memberId, update, EventFields.time(event, "activatedAt"), onboarding.nudgeAfter());
            onboarding.welcome(event.id(), memberId, EventFields.time(event, "activatedAt"));
        } else if (type.endsWith(".MemberProfileUpdated.v1")) {
            directory.update(memberId, profile(event));
        } else if (type.endsWith(".MemberRolesChanged.v1")) {
            directory.update(memberId, new Update().set("roles", EventFields.list(event, "roles")));
        } else if (type.endsWith(".MemberDeactivated.v1")) {
            directory.erase(memberId);
            preferences.erase(memberId);
            subscriptions.erase(memberId);
            inbox.erase(memberId);
            deliveries.erase(memberId);
            sessions.erase(memberId);
        }
    }

    /** The fields present in the event; a field the event does not carry is left as it was. */
    private static Update profile(InboundEvent event) {
        Update update = new Update();
        for (String field : List.of("handle", "displayName", "email")) {
            String value = event.text(field);
            if (value != null) {
                update.set(field, value);
            }
        }
        return update;
    }
}
