package jp.kyoso.platform.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page ({@code /error}): what reaches it was refused outside Spring MVC's handlers (a
 * {@code sendError} from Tomcat, a filter or Spring Security's firewall). It answers problem+json like everything
 * else, in place of Spring Boot's {@code {"timestamp", "error", "path"}} body.
 */
// not part of any service's API: kept out of the OpenAPI documents, as Boot's own error controller is
@Hidden
@RestController
public class ProblemErrorController implements ErrorController {
    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    /**
     * Answers the refusal as a problem, unless the response is already under way (an event stream that failed while
     * it was open: Tomcat sends such a request here too), which gets nothing more. Either way an exception that
     * brought the request here is logged with the request: when the error handling failed too, as it did for a live
     * stream whose headers broke (notifications-service README), nothing else had logged it.
     */
    @RequestMapping(value = "${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request, HttpServletResponse response) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.resolve(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        if (!status.isError()) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        logCause(request, response.isCommitted());
        if (response.isCommitted()) {
            return null;
        }
        ProblemDetail problem = ProblemResponses.problem(status, ProblemTexts.title(status), ProblemTexts.detail(status),
                null);
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (path instanceof String uri && !uri.isEmpty()) {
            try {
                problem.setInstance(URI.create(uri));
            } catch (IllegalArgumentException notAUri) {
                // a path that is not a valid URI reference is what was refused; it is not echoed
            }
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static void logCause(HttpServletRequest request, boolean committed) {
        if (!(request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable cause)) {
            return;
        }
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (ProblemHandling.isClientDisconnect(cause)) {
            log.debug("{} {} ended: the client went away ({})", request.getMethod(), uri, cause.toString());
        } else {
            log.warn("{} {} ended in the container's error page{}", request.getMethod(), uri,
                    committed ? " after its answer had begun" : "", cause);
        }
    }
}
