package jp.kyoso.gateway.problem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Unknown routes, unreachable services and anything unexpected: problem+json, never a stack trace. */
@Component
@Order(-2)
class ProblemErrorHandler implements ErrorWebExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        HttpStatusCode code = error instanceof ResponseStatusException rse ? rse.getStatusCode()
                : HttpStatus.INTERNAL_SERVER_ERROR;
        HttpStatus status = HttpStatus.resolve(code.value());
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        if (status == HttpStatus.NOT_FOUND) {
            return Problems.write(exchange.getResponse(), status, "見つかりません / Not found",
                    "このパスの API はありません / There is no API at " + exchange.getRequest().getPath().value());
        }
        if (status == HttpStatus.SERVICE_UNAVAILABLE || status == HttpStatus.BAD_GATEWAY
                || status == HttpStatus.GATEWAY_TIMEOUT) {
            exchange.getResponse().getHeaders().set("Retry-After", "10");
            return Problems.write(exchange.getResponse(), HttpStatus.SERVICE_UNAVAILABLE,
                    "一時的に利用できません / Service unavailable",
                    "サービスが一時的に応答していません。しばらくしてから再度お試しください / "
                            + "The service is not answering right now; please try again shortly");
        }
        if (status.is4xxClientError()) {
            return Problems.write(exchange.getResponse(), status, status.getReasonPhrase(),
                    error instanceof ResponseStatusException rse && rse.getReason() != null ? rse.getReason()
                            : status.getReasonPhrase());
        }
        log.error("Unexpected gateway error on {}", exchange.getRequest().getPath().value(), error);
        return Problems.write(exchange.getResponse(), HttpStatus.INTERNAL_SERVER_ERROR, "サーバーエラー / Server error",
                "予期しないエラーが発生しました / Something went wrong");
    }
}
