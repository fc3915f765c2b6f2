package jp.kyoso.members.token;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
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
 * Issues the access tokens every service trusts: RS256 JWTs with {@code kid}, {@code iss}, {@code aud} (Kyoso, so
 * that the token is good for nothing else), {@code sub} (member id), {@code roles}, {@code handle} and {@code name}
 * (display name), signed with the current key.
 */
@Component
public class AccessTokens {
    private final SigningKeys keys;
    private final TokenProperties properties;
    private volatile KeyEncoder latest;

    /** An encoder that can only sign with its one key, so that the header's kid and the signature always agree. */
    private record KeyEncoder(RSAKey key, NimbusJwtEncoder encoder) {
        static KeyEncoder of(RSAKey key) {
            return new KeyEncoder(key, new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key))));
        }
    }

    public AccessTokens(SigningKeys keys, TokenProperties properties) {
        this.keys = keys;
        this.properties = properties;
    }

    public String issue(Member member) {
        return issue(member.id(), member.handle(), member.displayName(), member.roles(), Instant.now());
    }

    /** Also used by tests to mint tokens issued in the past. */
    public String issue(String memberId, String handle, String displayName, List<String> roles, Instant issuedAt) {
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(properties.issuer())
                .audience(List.of(properties.audience()))
                .subject(memberId)
                .issuedAt(issuedAt)
                // iat counts whole seconds; revocation (MemberTokensRevoked.notBefore) needs the millisecond, so that
                // a token issued right after a role change in the same second is not taken for an older one
                .claim("iat_ms", issuedAt.toEpochMilli())
                .expiresAt(issuedAt.plus(properties.accessTokenLifetime()))
                .id(UUID.randomUUID().toString())
                .claim("roles", roles)
                .claim("handle", handle)
                .claim("name", displayName)
                .build();
        // The current key is read once: a rotation in the middle of this method cannot pair one key's kid with
        // another key's signature.
        KeyEncoder signer = encoderFor(keys.current());
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(signer.key().getKeyID()).type("JWT").build();
        return signer.encoder().encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }

    /** One encoder per key, made again only when the key has changed (Nimbus caches its signer in the encoder). */
    private KeyEncoder encoderFor(RSAKey current) {
        KeyEncoder cached = latest;
        if (cached == null || !cached.key().getKeyID().equals(current.getKeyID())) {
            cached = KeyEncoder.of(current);
            latest = cached;
        }
        return cached;
    }

    public long lifetimeSeconds() {
        return properties.accessTokenLifetime().toSeconds();
    }
}
