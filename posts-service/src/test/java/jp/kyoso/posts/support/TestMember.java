package jp.kyoso.posts.support;

import java.util.UUID;
import jp.kyoso.testsupport.TestTokens;

/** A member with a fresh id and handle, and an access token as members-service would sign it. */
public record TestMember(String id, String handle, String displayName, String token) {

    static TestMember create(String displayName, String... roles) {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String id = "m-" + suffix;
        String handle = "u_" + suffix;
        return new TestMember(id, handle, displayName, TestTokens.accessToken(id, handle, displayName, roles));
    }
}
