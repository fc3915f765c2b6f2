package jp.kyoso.platform.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A refusal that the client can understand: it becomes an {@code application/problem+json} response. Messages are
 * Japanese first with English beside them, for example {@code "このハンドルは既に使われています / This handle is taken"}.
 */
public class ApiProblem extends RuntimeException {
    private final HttpStatus status;
    private final String title;
    private final List<FieldProblem> errors;

    public ApiProblem(HttpStatus status, String title, String detail, List<FieldProblem> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public ApiProblem(HttpStatus status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, ProblemTexts.title(HttpStatus.NOT_FOUND), detail);
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, ProblemTexts.title(HttpStatus.FORBIDDEN), detail);
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, ProblemTexts.title(HttpStatus.CONFLICT), detail);
    }

    public static ApiProblem invalid(String field, String message) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, ProblemTexts.title(HttpStatus.UNPROCESSABLE_CONTENT),
                message, List.of(new FieldProblem(field, message)));
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, ProblemTexts.title(HttpStatus.BAD_REQUEST), detail);
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldProblem> errors() {
        return errors;
    }

    public record FieldProblem(String field, String message) {
    }
}
