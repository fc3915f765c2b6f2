package jp.kyoso.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StaticMembershipTest {
    private final StaticMembership membership = new StaticMembership("notifications-service-8083");

    @Test
    void eachConsumerOfANamedGroupGetsAnInstanceIdOfItsOwn() {
        Map<String, Object> memberEvents = new HashMap<>(Map.of("group.id", "notifications-service"));
        Map<String, Object> postEvents = new HashMap<>(Map.of("group.id", "notifications-service"));

        membership.configure(memberEvents, "memberEvents-in-0", "kyoso.members.v1");
        membership.configure(postEvents, "postEvents-in-0", "kyoso.posts.v1");

        assertThat(memberEvents).containsEntry("group.instance.id", "notifications-service-8083-memberEvents-in-0");
        assertThat(postEvents).containsEntry("group.instance.id", "notifications-service-8083-postEvents-in-0");
    }

    @Test
    void anAnonymousGroupStaysDynamic() {
        Map<String, Object> search = new HashMap<>(Map.of("group.id", "anonymous.5f1c0f0e-search"));

        membership.configure(search, "postEventsForSearch-in-0", "kyoso.posts.v1");

        assertThat(search).doesNotContainKey("group.instance.id");
    }
}
