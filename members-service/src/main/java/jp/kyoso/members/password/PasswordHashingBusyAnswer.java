package jp.kyoso.members.password;

import jp.kyoso.members.Messages;
import jp.kyoso.platform.web.ProblemResponses;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A burst of sign-ins (or registrations) waits for the hashing slots; whoever cannot get one in time gets a quick
 * 503 with {@code Retry-After}. Before, they waited past the gateway's 3 s timeout, and those timeouts opened the
 * gateway's circuit breaker for every members-service request: 191 of 200 sign-ins from 100 clients at once
 * answered 503, half of them after 3 s. Ordered first, because platform-support's handler answers any exception.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class PasswordHashingBusyAnswer {
    @ExceptionHandler(PasswordHashingBusy.class)
    ResponseEntity<ProblemDetail> busy(PasswordHashingBusy e) {
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.SERVICE_UNAVAILABLE,
                Messages.get("password.busy.title"),
                Messages.get("password.busy.detail", String.valueOf(e.retryAfterSeconds())), null);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
