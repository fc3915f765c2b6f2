package jp.kyoso.members;

import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A client for the service's own port that returns every answer, errors included, as status, headers and JSON. */
public final class Http {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestClient client;

    Http(int port) {
        this.client = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { }).build();
    }

    public record Response(int status, HttpHeaders headers, String raw) {
        public JsonNode json() {
            return raw == null || raw.isEmpty() ? JSON.nullNode() : JSON.readTree(raw);
        }

        public String text(String field) {
            JsonNode node = json().get(field);
            return node == null || node.isNull() ? null : node.asString();
        }

        public String contentType() {
            return headers.getContentType() == null ? "" : headers.getContentType().toString();
        }
    }

    public Response get(String path, String token) {
        return send(HttpMethod.GET, path, null, token, Map.of());
    }

    public Response post(String path, Object body) {
        return send(HttpMethod.POST, path, body, null, Map.of());
    }

    public Response post(String path, Object body, String token) {
        return send(HttpMethod.POST, path, body, token, Map.of());
    }

    public Response patch(String path, Object body, String token) {
        return send(HttpMethod.PATCH, path, body, token, Map.of());
    }

    public Response put(String path, Object body, String token) {
        return send(HttpMethod.PUT, path, body, token, Map.of());
    }

    public Response delete(String path, String token) {
        return send(HttpMethod.DELETE, path, null, token, Map.of());
    }

    /** {@code body} is serialized to JSON unless it is a String, which is sent as it is. */
    public Response send(HttpMethod method, String path, Object body, String token, Map<String, String> headers) {
        RestClient.RequestBodySpec request = client.method(method).uri(path);
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        headers.forEach(request::header);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON)
                    .body(body instanceof String s ? s : JSON.writeValueAsString(body));
        }
        return request.exchange((req, response) -> new Response(response.getStatusCode().value(),
                response.getHeaders(), new String(response.getBody().readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8)));
    }
}
