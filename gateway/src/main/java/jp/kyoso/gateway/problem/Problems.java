package jp.kyoso.gateway.problem;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import jp.kyoso.gateway.Messages;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.AbstractServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything the gateway answers itself is {@code application/problem+json} (RFC 9457) with the same fields as the
 * services' problems: {@code type}, {@code title} (Japanese / English), {@code status}, {@code detail} and
 * {@code instance} (the request's path).
 */
public final class Problems {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<HttpStatus> TITLED = EnumSet.of(HttpStatus.BAD_REQUEST, HttpStatus.UNAUTHORIZED,
            HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND, HttpStatus.METHOD_NOT_ALLOWED, HttpStatus.NOT_ACCEPTABLE,
            HttpStatus.CONTENT_TOO_LARGE, HttpStatus.URI_TOO_LONG, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, HttpStatus.TOO_MANY_REQUESTS, HttpStatus.SERVICE_UNAVAILABLE);
    private static final Set<HttpStatus> DETAILED = EnumSet.of(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND,
            HttpStatus.METHOD_NOT_ALLOWED, HttpStatus.NOT_ACCEPTABLE, HttpStatus.URI_TOO_LONG,
            HttpStatus.UNSUPPORTED_MEDIA_TYPE, HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE);

    private Problems() {
    }

    public static Mono<Void> write(ServerHttpResponse response, HttpStatus status, String title, String detail) {
        if (response.isCommitted()) {
            return Mono.empty();
        }
        byte[] body = json(status, title, detail, instanceOf(response));
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().setContentLength(body.length);
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }

    /** The problem document; {@code instance} is left out only when the request's target could not be read. */
    static byte[] json(HttpStatus status, String title, String detail, String instance) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "https://kyoso.example/problems/" + status.value());
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        if (instance != null) {
            problem.put("instance", instance);
        }
        return JSON.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
    }

    /** The title of the problems that carry no more specific one, Japanese first like every other. */
    public static String title(HttpStatus status) {
        if (status == HttpStatus.BAD_GATEWAY || status == HttpStatus.GATEWAY_TIMEOUT) {
            return title(HttpStatus.SERVICE_UNAVAILABLE);
        }
        if (TITLED.contains(status)) {
            return Messages.get("problem.title." + status.value());
        }
        return status.is4xxClientError() ? Messages.get("problem.title.other-client", String.valueOf(status.value()))
                : Messages.get("problem.title.other-server");
    }

    /** What the client is told for each status when nothing more specific is known. */
    static String detail(HttpStatus status) {
        if (DETAILED.contains(status)) {
            return Messages.get("problem.detail." + status.value());
        }
        return status.is4xxClientError() ? Messages.get("problem.detail.other-client")
                : Messages.get("problem.detail.other-server");
    }

    /** The path of the request a response answers, read from reactor-netty's own response (query left out). */
    static String instanceOf(ServerHttpResponse response) {
        ServerHttpResponse current = response;
        while (current instanceof ServerHttpResponseDecorator decorator) {
            current = decorator.getDelegate();
        }
        if (current instanceof AbstractServerHttpResponse abstractResponse) {
            try {
                if (abstractResponse.getNativeResponse() instanceof HttpServerResponse netty) {
                    return pathOf(netty.uri());
                }
            } catch (IllegalStateException noServer) {
                // a mock response in a test has no native one
            }
        }
        return null;
    }

    /** The path of a request target as it was sent ({@code /a/b?q} or {@code http://host/a/b?q} gives /a/b). */
    static String pathOf(String target) {
        if (target == null || target.isEmpty()) {
            return null;
        }
        String path = target;
        int scheme = path.indexOf("://");
        if (!path.startsWith("/") && scheme >= 0) {
            int slash = path.indexOf('/', scheme + 3);
            path = slash < 0 ? "/" : path.substring(slash);
        }
        int end = path.length();
        for (char stop : new char[] {'?', '#'}) {
            int at = path.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return path.substring(0, end);
    }
}
