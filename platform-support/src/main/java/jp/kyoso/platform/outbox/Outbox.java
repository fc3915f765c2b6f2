package jp.kyoso.platform.outbox;

import org.springframework.data.mongodb.core.query.Update;

/** Adds events to the same single-document update as the state change they describe. */
public final class Outbox {
    /** The array field, in every aggregate document that publishes events. */
    public static final String FIELD = "outbox";

    private Outbox() {
    }

    /**
     * Pass every event of one update in a single call: a second {@code append} on the same {@link Update} replaces
     * the first one's {@code $push} instead of adding to it.
     */
    public static Update append(Update update, PendingEvent... events) {
        if (events.length == 1) {
            return update.push(FIELD, events[0]);
        }
        return update.push(FIELD).each((Object[]) events);
    }
}
