package jp.kyoso.posts.search;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How far the index has followed a topic: per partition, the offset of the next record whose thread change it does
 * not reflect yet. Recorded in every commit of the index, so that the next start reads the topic from there instead of
 * rebuilding from MongoDB.
 *
 * @param topic   the topic of the events ({@code kyoso.posts.v1})
 * @param offsets partition → next offset to apply
 */
record EventPosition(String topic, Map<Integer, Long> offsets) {
    static final String TOPIC_KEY = "kyoso.events.topic";
    static final String OFFSETS_KEY = "kyoso.events.offsets";

    EventPosition {
        offsets = Map.copyOf(offsets);
    }

    /** The commit user data that records this position. */
    Map<String, String> toCommitData() {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(offsets).forEach((partition, offset) ->
                text.append(text.isEmpty() ? "" : ",").append(partition).append(':').append(offset));
        return Map.of(TOPIC_KEY, topic, OFFSETS_KEY, text.toString());
    }

    /** The position a commit recorded; empty when it recorded none or one that cannot be read. */
    static Optional<EventPosition> fromCommitData(Map<String, String> data) {
        String topic = data.get(TOPIC_KEY);
        String text = data.get(OFFSETS_KEY);
        if (topic == null || text == null) {
            return Optional.empty();
        }
        Map<Integer, Long> offsets = new TreeMap<>();
        try {
            for (String entry : text.split(",")) {
                if (entry.isEmpty()) {
                    continue;
                }
                int colon = entry.indexOf(':');
                offsets.put(Integer.parseInt(entry.substring(0, colon)), Long.parseLong(entry.substring(colon + 1)));
            }
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return Optional.of(new EventPosition(topic, offsets));
    }

    /**
     * Whether the topic can be read on from here: it is the same topic, every assigned partition has a position, and
     * the topic still holds every record from it (not removed by retention, not a topic created anew since).
     *
     * @param beginning per assigned partition, the first offset the topic still holds
     * @param end       per assigned partition, the offset the next record will get
     * @return empty if it can, else why not
     */
    Optional<String> whyNotResumable(String topic, Map<Integer, Long> beginning, Map<Integer, Long> end) {
        if (!this.topic.equals(topic)) {
            return Optional.of("it followed " + this.topic + ", not " + topic);
        }
        for (Map.Entry<Integer, Long> partition : end.entrySet()) {
            Long offset = offsets.get(partition.getKey());
            if (offset == null) {
                return Optional.of("partition " + partition.getKey() + " has no position");
            }
            if (offset < beginning.getOrDefault(partition.getKey(), 0L)) {
                return Optional.of("partition " + partition.getKey() + " no longer holds offset " + offset);
            }
            if (offset > partition.getValue()) {
                return Optional.of("partition " + partition.getKey() + " ends at " + partition.getValue()
                        + ", before offset " + offset + " (a new topic)");
            }
        }
        return Optional.empty();
    }
}
