package jp.kyoso.members.peers;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * "Towns like mine": municipalities of the caller's kind near the caller's, nearest first, each with some of its
 * members; and the codes the web client asks posts-service about for solved questions from those towns.
 *
 * @param organizationCode the caller's code (null when they gave none)
 * @param kind             the caller's kind (村, 町, 市, 特別区, 政令市, 都道府県, 国), null for a code not in the list
 * @param peerCodes        up to 50 organization codes that members of the nearest peer municipalities have (a
 *                         designated city's wards' codes too), nearest first
 * @param reason           only when nothing could be looked for: why
 */
public record PeerTowns(String organizationCode, String kind, int withinKm, List<PeerTown> items,
                        List<String> peerCodes, @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {

    /** A municipality like the caller's, with up to five of its active members, most recently joined first. */
    public record PeerTown(String organizationCode, String name, String prefecture, String kind, double distanceKm,
                           List<PeerMember> members) {
    }

    public record PeerMember(String memberId, String displayName, String handle, String department) {
    }
}
