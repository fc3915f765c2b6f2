package jp.kyoso.members.directory;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jp.kyoso.members.profile.PublicProfile;

/**
 * A directory entry: the public profile (its fields, unwrapped) with the kind of body the member works for
 * ({@code 村, 町, 市, 特別区, 政令市, 都道府県, 国}; null for a code that is not in the list) and, when the directory was
 * asked for members near a municipality, how far their town hall is from that one's (km, rounded to 0.1).
 */
public record DirectoryItem(@JsonUnwrapped PublicProfile profile, String organizationKind,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Double distanceKm) {
}
