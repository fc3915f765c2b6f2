package jp.kyoso.platform.web;

import java.io.IOException;
import org.springframework.mock.web.MockHttpServletResponse;

/** Responses already under way as an event stream: committed, with a first line sent. */
final class StreamingResponses {
    private StreamingResponses() {
    }

    static MockHttpServletResponse begun(String firstLine) throws IOException {
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.setContentType("text/event-stream");
        response.getWriter().write(firstLine);
        response.flushBuffer();
        return response;
    }
}
