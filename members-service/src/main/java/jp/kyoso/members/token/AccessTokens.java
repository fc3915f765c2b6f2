package jp.kyoso.members.token;

import com.nimbusds.jose.jwk.JWKSet;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import jp.kyoso.members.member.Member;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/**
 * Issues the access tokens every service trusts: RS256 JWTs with {@code kid}, {@code iss}, {@code sub} (member id),
 * {@code roles}, {@code handle} and {@code name} (display name), signed with the current key.
 */
@Component
public class AccessTokens {
    private final SigningKeys keys;
    private final TokenProperties properties;
    private final NimbusJwtEncoder encoder;

    public AccessTokens(SigningKeys keys, TokenProperties properties) {
        this.keys = keys;
        this.properties = properties;
        this.encoder = new NimbusJwtEncoder((selector, context) -> selector.select(new JWKSet(keys.current())));
    }

    public String issue(Member member) {
        return issue(member.id(), member.handle(), member.displayName(), member.roles(), Instant.now());
    }

    /** Also used by tests to mint tokens issued in the past. */
    public String issue(String memberId, String handle, String displayName, List<String> roles, Instant issuedAt) {
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(properties.issuer())
                .subject(memberId)
                .issuedAt(issuedAt)
                .expiresAt(issuedAt.plus(properties.accessTokenLifetime()))
                .id(UUID.randomUUID().toString())
                .claim("roles", roles)
                .claim("handle", handle)
                .claim("name", displayName)
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(keys.current().getKeyID()).type("JWT").build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    public long lifetimeSeconds() {
        return properties.accessTokenLifetime().toSeconds();
    }
}
