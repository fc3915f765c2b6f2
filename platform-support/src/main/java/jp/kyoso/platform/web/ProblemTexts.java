package jp.kyoso.platform.web;

import java.util.EnumSet;
import java.util.Set;
import jp.kyoso.platform.text.Messages;
import org.springframework.http.HttpStatus;

/**
 * The wording of the problems that Spring MVC, Tomcat or Spring Security raise themselves (405, 406, 415, 404 ...):
 * Japanese first, then English, like every ApiProblem, in place of Spring's English-only defaults. The texts are in
 * {@code i18n/platform.properties}, under {@code problem.title.<status>} and {@code problem.detail.<status>}.
 */
public final class ProblemTexts {
    private static final Set<HttpStatus> TITLED = EnumSet.of(HttpStatus.BAD_REQUEST, HttpStatus.UNAUTHORIZED,
            HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.METHOD_NOT_ALLOWED, HttpStatus.NOT_ACCEPTABLE,
            HttpStatus.CONFLICT, HttpStatus.CONTENT_TOO_LARGE, HttpStatus.URI_TOO_LONG,
            HttpStatus.UNSUPPORTED_MEDIA_TYPE, HttpStatus.UNPROCESSABLE_CONTENT,
            HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, HttpStatus.TOO_MANY_REQUESTS, HttpStatus.SERVICE_UNAVAILABLE);
    private static final Set<HttpStatus> DETAILED = EnumSet.of(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND,
            HttpStatus.METHOD_NOT_ALLOWED, HttpStatus.NOT_ACCEPTABLE, HttpStatus.CONTENT_TOO_LARGE,
            HttpStatus.URI_TOO_LONG, HttpStatus.UNSUPPORTED_MEDIA_TYPE, HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE);

    private ProblemTexts() {
    }

    public static String title(HttpStatus status) {
        if (TITLED.contains(status)) {
            return Messages.get("problem.title." + status.value());
        }
        return status.is4xxClientError() ? Messages.get("problem.title.other-client", String.valueOf(status.value()))
                : Messages.get("problem.title.other-server");
    }

    /** The title of a refusal of input the service checked itself, whatever its status (400 or 422). */
    public static String invalidInput() {
        return Messages.get("problem.title.422");
    }

    /** The detail of a refusal that lists each invalid field. */
    public static String invalidFields() {
        return Messages.get("request.invalid-fields");
    }

    public static String detail(HttpStatus status) {
        if (DETAILED.contains(status)) {
            return Messages.get("problem.detail." + status.value());
        }
        return status.is4xxClientError() ? Messages.get("problem.detail.other-client")
                : Messages.get("problem.detail.other-server");
    }
}
