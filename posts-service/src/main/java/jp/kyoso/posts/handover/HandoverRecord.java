package jp.kyoso.posts.handover;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * posts-service's copy of a handover (引き継ぎ), kept from {@code kyoso.members.HandoverNamed.v1}: who may open its
 * threads, and the period of the job whose threads they are. No names: the page shows the posts' own authors.
 *
 * @param from the first day of the position (JST, {@code YYYY-MM-DD})
 * @param to   its last day, or null while the leaver still held it when it was named and no move has told its end
 */
@Document(HandoverRecord.COLLECTION)
record HandoverRecord(@Id String id, String predecessorId, String successorId, String from, String to,
                      Instant namedAt) {
    static final String COLLECTION = "handovers";
}
