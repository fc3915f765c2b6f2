package jp.kyoso.platform.web;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import jp.kyoso.platform.text.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error a service answers is problem+json with a message a person understands, never a stack trace. */
@RestControllerAdvice
public class ProblemHandling extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem) {
        return respond(problem.status(),
                ProblemResponses.problem(problem.status(), problem.title(), problem.getMessage(), problem.errors()));
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    ResponseEntity<ProblemDetail> denied(RuntimeException e) {
        return respond(HttpStatus.FORBIDDEN, ProblemResponses.problem(HttpStatus.FORBIDDEN,
                ProblemTexts.title(HttpStatus.FORBIDDEN), Messages.get("security.not-allowed"), null));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        String message = Messages.get("request.invalid-value");
        return respond(HttpStatus.BAD_REQUEST, ProblemResponses.problem(HttpStatus.BAD_REQUEST,
                ProblemTexts.title(HttpStatus.BAD_REQUEST), e.getName() + ": " + message,
                List.of(new ApiProblem.FieldProblem(e.getName(), message))));
    }

    /** A write to a client that went away; anything else of the kind is unexpected. */
    @ExceptionHandler(IOException.class)
    ResponseEntity<ProblemDetail> io(IOException e) {
        if (isClientDisconnect(e)) {
            log.debug("Client disconnected: {}", e.getMessage());
            return null;
        }
        return unexpected(e);
    }

    static boolean isClientDisconnect(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getSimpleName().equals("ClientAbortException")) {
                return true;
            }
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("broken pipe") || message.contains("connection reset")) {
                return true;
            }
        }
        return false;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected error", e);
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, ProblemResponses.problem(HttpStatus.INTERNAL_SERVER_ERROR,
                ProblemTexts.title(HttpStatus.INTERNAL_SERVER_ERROR), ProblemTexts.detail(HttpStatus.INTERNAL_SERVER_ERROR),
                null));
    }

    /**
     * The client went away (a closed event stream, a cancelled download): nobody is left to read an answer, and the
     * response may already be an event stream, so nothing is written.
     */
    @Override
    protected ResponseEntity<Object> handleAsyncRequestNotUsableException(AsyncRequestNotUsableException ex,
                                                                          WebRequest request) {
        log.debug("Client disconnected: {}", ex.getMessage());
        return null;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<ApiProblem.FieldProblem> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> new ApiProblem.FieldProblem(error.getField(), error.getDefaultMessage()))
                .toList();
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST,
                ProblemTexts.title(HttpStatus.UNPROCESSABLE_CONTENT), Messages.get("request.invalid-fields"), errors);
        return problemEntity(HttpStatus.BAD_REQUEST, problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST,
                ProblemTexts.title(HttpStatus.BAD_REQUEST), Messages.get("request.not-json"), null);
        return problemEntity(HttpStatus.BAD_REQUEST, problem);
    }

    /**
     * Every error Spring MVC raises itself (405 with Allow, 406, 415, 400 for a missing parameter or header, 404 for a
     * path without a handler, 413 ...) gets Kyoso's type and a Japanese / English title and detail in place of
     * Spring's English-only defaults; the headers Spring set (Allow, Accept) stay.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        HttpStatus status = HttpStatus.resolve(statusCode.value());
        if (status != null && (body == null || body instanceof ProblemDetail detail && !isKyoso(detail))) {
            body = ProblemResponses.problem(status, ProblemTexts.title(status), detailOf(ex, status), null);
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    /** Spring leaves some problems without a type (HttpMessageNotWritableException's): those are not Kyoso's. */
    private static boolean isKyoso(ProblemDetail problem) {
        return problem.getType() != null && problem.getType().toString().startsWith("https://kyoso.example/problems/");
    }

    /** The specific detail where the exception tells what was wrong, the status's general one otherwise. */
    private static String detailOf(Exception ex, HttpStatus status) {
        if (ex instanceof HttpRequestMethodNotSupportedException e) {
            return Messages.get("request.method-not-supported", e.getMethod());
        }
        if (ex instanceof MissingServletRequestParameterException e) {
            return Messages.get("request.parameter-missing", e.getParameterName());
        }
        if (ex instanceof MissingRequestHeaderException e) {
            return Messages.get("request.header-missing", e.getHeaderName());
        }
        return ProblemTexts.detail(status);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
                                                          WebRequest request) {
        HttpHeaders problemHeaders = new HttpHeaders();
        if (headers != null) {
            problemHeaders.putAll(headers);
        }
        problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(body, problemHeaders, statusCode);
    }

    private static ResponseEntity<Object> problemEntity(HttpStatus status, ProblemDetail problem) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static ResponseEntity<ProblemDetail> respond(HttpStatus status, ProblemDetail problem) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
