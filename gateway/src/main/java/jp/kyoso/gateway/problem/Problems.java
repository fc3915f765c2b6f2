package jp.kyoso.gateway.problem;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
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
    static String title(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "リクエストが正しくありません / Bad request";
            case UNAUTHORIZED -> "認証が必要です / Authentication required";
            case FORBIDDEN -> "権限がありません / Forbidden";
            case NOT_FOUND -> "見つかりません / Not found";
            case METHOD_NOT_ALLOWED -> "このメソッドは使えません / Method not allowed";
            case NOT_ACCEPTABLE -> "この形式では応答できません / Not acceptable";
            case CONTENT_TOO_LARGE -> "リクエストが大きすぎます / Request too large";
            case URI_TOO_LONG -> "URL が長すぎます / URI too long";
            case UNSUPPORTED_MEDIA_TYPE -> "この形式の本文は受け付けません / Unsupported media type";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "ヘッダーが大きすぎます / Request header fields too large";
            case TOO_MANY_REQUESTS -> "リクエストが多すぎます / Too many requests";
            case SERVICE_UNAVAILABLE, BAD_GATEWAY, GATEWAY_TIMEOUT -> "一時的に利用できません / Service unavailable";
            default -> status.is4xxClientError() ? "リクエストを処理できません / Request refused (" + status.value() + ")"
                    : "サーバーエラー / Server error";
        };
    }

    /** What the client is told for each status when nothing more specific is known. */
    static String detail(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "リクエストを解釈できません。URL のパーセントエンコーディングやヘッダーの形式を確認してください / "
                    + "The request could not be understood: check the URL's percent-encoding and the headers";
            case NOT_FOUND -> "このパスには何もありません / There is nothing at this path";
            case METHOD_NOT_ALLOWED -> "このパスはこのメソッドに対応していません / This path does not support this method";
            case NOT_ACCEPTABLE -> "要求された形式 (Accept) では応答できません / No response is available in the "
                    + "requested format (Accept)";
            case URI_TOO_LONG -> "URL が長すぎます。検索語などを短くしてください / The URL is too long: shorten the query";
            case UNSUPPORTED_MEDIA_TYPE -> "本文は application/json で送ってください / Send the body as application/json";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "リクエストヘッダー (Cookie など) が大きすぎます / The request headers "
                    + "(cookies, for example) are too large";
            default -> status.is4xxClientError() ? "このリクエストは処理できません / This request cannot be processed"
                    : "予期しないエラーが発生しました / Something went wrong";
        };
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
