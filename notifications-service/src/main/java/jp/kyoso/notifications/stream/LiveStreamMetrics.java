package jp.kyoso.notifications.stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/** {@code kyoso_live_streams_open}: the live streams this instance holds open now. */
@Component
class LiveStreamMetrics implements MeterBinder {
    private final LiveStreams streams;

    LiveStreamMetrics(LiveStreams streams) {
        this.streams = streams;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("kyoso.live.streams.open", streams, LiveStreams::openStreams)
                .description("Live notification streams open on this instance").register(registry);
    }
}
