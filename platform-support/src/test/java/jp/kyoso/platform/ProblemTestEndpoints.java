package jp.kyoso.platform;

import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Ordinary endpoints, open without a token, for {@link ProblemHandlingTest} to call wrongly, and one whose answer
 * cannot be written.
 */
@RestController
class ProblemTestEndpoints {

    @PostMapping(value = "/api/public/problems/echo", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> echo(@RequestBody Map<String, Object> body) {
        return body;
    }

    @GetMapping(value = "/api/public/problems/search", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> search(@RequestParam String q) {
        return Map.of("q", q);
    }

    @GetMapping(value = "/api/public/problems/unwritable", produces = MediaType.APPLICATION_JSON_VALUE)
    Unwritable unwritable() {
        return new Unwritable();
    }

    /** Jackson fails on its getter, so Spring MVC raises HttpMessageNotWritableException before anything is sent. */
    static final class Unwritable {
        public String getValue() {
            throw new IllegalStateException("this value cannot be written");
        }
    }
}
