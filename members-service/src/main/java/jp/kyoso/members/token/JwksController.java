package jp.kyoso.members.token;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public keys that verify access tokens; the gateway and the other services read them from here. */
@RestController
@Tag(name = "auth", description = "登録・確認・ログイン / Registration, verification, login")
class JwksController {
    private final SigningKeys keys;

    JwksController(SigningKeys keys) {
        this.keys = keys;
    }

    @GetMapping("/.well-known/jwks.json")
    @Operation(operationId = "getJwks", summary = "アクセストークンを検証する公開鍵 (JWKS) / Public keys that verify access tokens")
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .contentType(MediaType.APPLICATION_JSON)
                .body(keys.publicKeys().toJSONObject(true));
    }
}
