package jp.kyoso.posts.handover;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A position a member has left, from {@code kyoso.members.MemberMoved.v1} ({@code previous}). A handover named while
 * its leaver still held the job ends on the {@code to} of the move whose {@code from} is the job's start; the two
 * events have different keys (handover id, member id) and may arrive in either order, so the end is kept here as
 * well as copied into the handover. Personal data: erased when the member leaves.
 *
 * @param id {@code <memberId>|<from>}: one move closes a position once
 */
@Document(EndedPosition.COLLECTION)
record EndedPosition(@Id String id, String memberId, String from, String to) {
    static final String COLLECTION = "member_positions";

    static String idOf(String memberId, String from) {
        return memberId + "|" + from;
    }
}
