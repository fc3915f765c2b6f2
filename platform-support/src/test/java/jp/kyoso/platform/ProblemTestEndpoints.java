package jp.kyoso.platform;

import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Two ordinary endpoints, open without a token, for {@link ProblemHandlingTest} to call wrongly. */
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
}
