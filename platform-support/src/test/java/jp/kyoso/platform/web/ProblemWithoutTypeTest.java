package jp.kyoso.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * Spring MVC builds some problems with no type at all (HttpMessageNotWritableException's, for one, raised when a live
 * stream's write fails). The handler must give those Kyoso's type instead of failing on the missing one.
 */
class ProblemWithoutTypeTest {

    @Test
    void aProblemSpringBuiltWithoutATypeGetsKyosos() throws Exception {
        ServletWebRequest request = new ServletWebRequest(new MockHttpServletRequest("GET", "/api/stream"),
                new MockHttpServletResponse());

        ResponseEntity<Object> answer = new ProblemHandling()
                .handleException(new HttpMessageNotWritableException("could not write"), request);

        assertThat(answer).isNotNull();
        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        ProblemDetail problem = (ProblemDetail) answer.getBody();
        assertThat(problem.getType()).hasToString("https://kyoso.example/problems/500");
        assertThat(problem.getDetail()).contains(" / ");
    }

    @Test
    void aResponseAlreadyCommittedGetsNoBody() throws Exception {
        MockHttpServletResponse response = StreamingResponses.begun("event: notification\n");

        ResponseEntity<Object> answer = new ProblemHandling().handleException(
                new HttpMessageNotWritableException("could not write"),
                new ServletWebRequest(new MockHttpServletRequest("GET", "/api/stream"), response));

        assertThat(answer).isNull();
    }
}
