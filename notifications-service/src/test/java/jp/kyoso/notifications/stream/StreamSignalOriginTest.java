package jp.kyoso.notifications.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import jp.kyoso.notifications.InstanceId;
import jp.kyoso.notifications.inbox.Actor;
import jp.kyoso.notifications.inbox.NotificationContent;
import jp.kyoso.notifications.inbox.NotificationType;
import jp.kyoso.platform.revocation.RevokedTokens;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import tools.jackson.databind.json.JsonMapper;

/** Which stream-topic records an instance reads: not its own, whose notices it has shown already. */
class StreamSignalOriginTest {
    private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();
    private static final byte[] NOT_JSON = "{not json".getBytes(StandardCharsets.UTF_8);

    private final StreamProperties properties = new StreamProperties(null, null, null, null, null, null, null);
    private final StreamSignals signals = new StreamSignals(null, JSON,
            new LiveStreams(properties, new StaticListableBeanFactory().getBeanProvider(RevokedTokens.class)),
            properties, new InstanceId("this-instance"));

    @Test
    void aRecordWhoseHeaderNamesThisInstanceIsDroppedWithoutReadingItsBody() {
        assertThat(signals.received(origin("this-instance"), NOT_JSON)).isFalse();
    }

    @Test
    void aRecordFromAnotherInstanceIsRead() {
        assertThat(signals.received(origin("other-instance"), signal("other-instance"))).isTrue();
        assertThatThrownBy(() -> signals.received(origin("other-instance"), NOT_JSON))
                .as("its body is parsed").isInstanceOf(RuntimeException.class);
    }

    @Test
    void aRecordWithoutTheHeaderIsReadAndItsBodyNamesTheOrigin() {
        // records written before the header existed are parsed: the origin in the signal then decides (showLocally)
        assertThat(signals.received(null, signal("this-instance"))).isTrue();
    }

    private static RecordHeader origin(String instance) {
        return new RecordHeader(StreamSignals.ORIGIN_HEADER, instance.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] signal(String origin) {
        NotificationContent content = new NotificationContent("event-1", new Actor("m1", "返信 太郎", false), "p1",
                "r1", "general", "題名", "本文", null);
        return JSON.writeValueAsBytes(StreamSignal.of(origin, content, Instant.parse("2026-12-02T00:00:00Z"),
                NotificationType.REPLY, List.of("m2")));
    }
}
