package jp.kyoso.platform.security;

import java.util.List;
import org.springframework.security.oauth2.jwt.Jwt;

/** The member an access token speaks for. */
public record CurrentMember(String id, String handle, String displayName, List<String> roles) {

    public static CurrentMember of(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList("roles");
        return new CurrentMember(jwt.getSubject(), jwt.getClaimAsString("handle"), jwt.getClaimAsString("name"),
                roles == null ? List.of() : roles);
    }

    public boolean isModerator() {
        return roles.contains("MODERATOR") || roles.contains("ADMIN");
    }

    public boolean isAdmin() {
        return roles.contains("ADMIN");
    }
}
