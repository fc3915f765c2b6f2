package jp.kyoso.members.support;

import java.util.List;
import jp.kyoso.platform.web.ApiProblem;
import jp.kyoso.platform.web.ProblemTexts;
import org.springframework.http.HttpStatus;

/**
 * Malformed input found outside bean validation (query parameters, checks that need code) answered exactly as bean
 * validation answers it: 400 with {@code errors[{field, message}]}. Domain rules (allowlist, check digit, a prefecture
 * that contradicts the code, an unknown role) stay {@link ApiProblem#invalid} (422), so that one field with one kind
 * of error always gets one status.
 */
public final class InputProblems {
    private InputProblems() {
    }

    public static ApiProblem malformed(String field, String message) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, ProblemTexts.invalidInput(), message,
                List.of(new ApiProblem.FieldProblem(field, message)));
    }
}
