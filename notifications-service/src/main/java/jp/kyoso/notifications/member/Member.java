package jp.kyoso.notifications.member;

import java.util.List;

/**
 * What this service knows of a member, from {@code kyoso.members.v1}, and whether they have posted or replied yet
 * (from {@code kyoso.posts.v1}: the first-post nudge is for those who have not).
 */
public record Member(String id, String status, String handle, String displayName, String email, List<String> roles,
                     boolean hasPosted) {
    public static final String PENDING = "PENDING";
    public static final String ACTIVE = "ACTIVE";
    public static final String DEACTIVATED = "DEACTIVATED";

    public boolean deactivated() {
        return DEACTIVATED.equals(status);
    }
}
