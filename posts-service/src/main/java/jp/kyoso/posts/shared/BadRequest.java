package jp.kyoso.posts.shared;

import java.util.List;
import jp.kyoso.platform.web.ApiProblem;
import jp.kyoso.platform.web.ProblemTexts;
import org.springframework.http.HttpStatus;

/** The 400 problem for one invalid parameter or field, named in {@code errors[]} as bean validation names it. */
public final class BadRequest {
    private BadRequest() {
    }

    public static ApiProblem field(String field, String message) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, ProblemTexts.title(HttpStatus.BAD_REQUEST), message,
                List.of(new ApiProblem.FieldProblem(field, message)));
    }
}
