package jp.kyoso.platform.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.List;
import jp.kyoso.platform.idempotency.IdempotencyFilter;
import jp.kyoso.platform.idempotency.IdempotencyProperties;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.util.AntPathMatcher;

/**
 * Documents the optional {@code Idempotency-Key} header on every POST the generic filter serves: not on the excluded
 * paths (token-issuing ones, those idempotent by their own means), and not where an operation documents its own.
 */
final class IdempotencyKeyParameter implements OpenApiCustomizer {
    static final String DESCRIPTION = "任意。操作ごとの一意なキー (表示可能な ASCII 1〜64 文字、UUID を推奨)。同じキーで"
            + "同じリクエストを再送すると、最初の応答を返し (ヘッダー Idempotent-Replayed: true)、二度実行しません。"
            + "別の内容に使うと 422、最初のリクエストが処理中なら 409 (Retry-After)。キーは 24 時間保持されます / "
            + "Optional. One unique key per action (1 to 64 visible ASCII characters; a UUID is recommended). A retry "
            + "with the same key and the same request gets the first answer again (header Idempotent-Replayed: true) "
            + "and runs nothing twice; the same key with a different request is 422, and while the first request is "
            + "still running 409 (Retry-After). Keys are kept for 24 hours";

    private final List<String> excludedPaths;
    private final AntPathMatcher paths = new AntPathMatcher();

    IdempotencyKeyParameter(IdempotencyProperties properties) {
        this.excludedPaths = properties.excludedPaths();
    }

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> {
            Operation post = item.getPost();
            if (post == null || excludedPaths.stream().anyMatch(pattern -> paths.match(pattern, path))) {
                return;
            }
            boolean documented = post.getParameters() != null && post.getParameters().stream()
                    .anyMatch(p -> "header".equals(p.getIn()) && IdempotencyFilter.HEADER.equalsIgnoreCase(p.getName()));
            if (!documented) {
                post.addParametersItem(new Parameter().in("header").name(IdempotencyFilter.HEADER).required(false)
                        .description(DESCRIPTION)
                        .schema(new StringSchema().minLength(1).maxLength(64).pattern("^[\\x21-\\x7E]{1,64}$")));
            }
        });
    }
}
