package jp.kyoso.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import jakarta.servlet.RequestDispatcher;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Tomcat sends a request to the error page when it fails outside Spring MVC's handlers, an event stream whose
 * connection broke among them. The exception behind it is logged (nothing else reports it), and a response already
 * under way gets nothing more written.
 */
class ProblemErrorControllerTest {
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(ProblemErrorController.class);

    @BeforeEach
    void listen() {
        logged.start();
        logger.addAppender(logged);
        logger.setLevel(Level.DEBUG);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(logged);
        logger.setLevel(null);
    }

    @Test
    void aStreamThatFailedWhileOpenGetsNothingMoreAndItsCauseIsLogged() throws IOException {
        MockHttpServletResponse response = StreamingResponses.begun(":connected\n\n");
        String before = response.getContentAsString();

        ResponseEntity<ProblemDetail> answer = new ProblemErrorController().error(
                failed("/api/notifications/stream", new IllegalStateException("written from two threads")), response);

        assertThat(answer).isNull();
        assertThat(response.getContentAsString()).isEqualTo(before);
        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage())
                    .isEqualTo("GET /api/notifications/stream ended in the container's error page after its answer had begun");
            assertThat(event.getThrowableProxy().getMessage()).isEqualTo("written from two threads");
        });
    }

    @Test
    void aFailureBeforeTheAnswerIsAProblemAndItsCauseIsLogged() {
        ResponseEntity<ProblemDetail> answer = new ProblemErrorController().error(
                failed("/api/things", new IllegalStateException("broken filter")), new MockHttpServletResponse());

        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(answer.getBody().getInstance()).hasToString("/api/things");
        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getThrowableProxy().getMessage()).isEqualTo("broken filter");
        });
    }

    @Test
    void aClientThatWentAwayIsNoWarning() {
        new ProblemErrorController().error(failed("/api/notifications/stream", new IOException("Broken pipe")),
                new MockHttpServletResponse());

        assertThat(logged.list).singleElement().satisfies(event ->
                assertThat(event.getLevel()).isEqualTo(Level.DEBUG));
    }

    @Test
    void aRefusalWithoutAnExceptionLogsNothing() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 404);

        ResponseEntity<ProblemDetail> answer = new ProblemErrorController().error(request,
                new MockHttpServletResponse());

        assertThat(answer.getStatusCode().value()).isEqualTo(404);
        assertThat(logged.list).isEmpty();
    }

    private static MockHttpServletRequest failed(String uri, Throwable cause) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 500);
        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, uri);
        request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, cause);
        return request;
    }
}
