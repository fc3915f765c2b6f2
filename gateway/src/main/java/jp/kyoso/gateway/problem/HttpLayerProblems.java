package jp.kyoso.gateway.problem;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import reactor.netty.NettyPipeline;

/**
 * Some refusals are answered below Spring, with an empty body: reactor-netty's HTTP decoder answers a request line
 * over {@code server.netty.max-initial-line-length} with 414, headers over
 * {@code server.max-http-request-header-size} with 431 and an unreadable request with 400, and Spring's
 * ReactorHttpHandlerAdapter answers a path it cannot make a URI of ({@code /api/posts/%zz}) with 400, all before any
 * WebFilter runs. Neither offers a hook for the body, so a handler placed right after the HTTP codec fills such empty
 * error answers with the same problem+json as every other, on their way out. Answers that already have a body, and
 * answers to HEAD, pass untouched.
 */
@Configuration
class HttpLayerProblems {
    static final String HANDLER_NAME = "kyoso.httpLayerProblems";

    @Bean
    NettyServerCustomizer problemBodiesForHttpLayerErrors() {
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(NettyPipeline.HttpCodec) != null && pipeline.get(HANDLER_NAME) == null) {
                pipeline.addAfter(NettyPipeline.HttpCodec, HANDLER_NAME, new EmptyErrorBodies());
            }
        });
    }

    /** One per connection: the requests read and not yet answered, in order (HTTP/1.1 answers in request order). */
    static final class EmptyErrorBodies extends ChannelDuplexHandler {
        private final Deque<Request> unanswered = new ArrayDeque<>();

        private record Request(HttpMethod method, String instance) {
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (msg instanceof HttpRequest request) {
                unanswered.add(new Request(request.method(), instanceOf(request)));
            }
            super.channelRead(ctx, msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (msg instanceof HttpResponse response && response.status().code() >= 200) {
                Request request = unanswered.poll();
                if (msg instanceof FullHttpResponse full && needsProblemBody(full, request)) {
                    ctx.write(withProblemBody(full, request), promise);
                    return;
                }
            }
            super.write(ctx, msg, promise);
        }

        private static boolean needsProblemBody(FullHttpResponse response, Request request) {
            return response.status().code() >= 400 && response.content().readableBytes() == 0
                    && !response.headers().contains(HttpHeaderNames.CONTENT_TYPE)
                    && (request == null || !HttpMethod.HEAD.equals(request.method()));
        }

        private static FullHttpResponse withProblemBody(FullHttpResponse empty, Request request) {
            HttpStatus status = HttpStatus.resolve(empty.status().code());
            if (status == null) {
                status = empty.status().code() >= 500 ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_REQUEST;
            }
            byte[] body = Problems.json(status, Problems.title(status), Problems.detail(status),
                    request == null ? null : request.instance());
            FullHttpResponse filled = empty.replace(Unpooled.wrappedBuffer(body));
            empty.release();
            filled.headers().set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            filled.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            return filled;
        }

        /**
         * The path the client asked for; unknown when the request line itself was too long or unreadable (netty then
         * hands on a placeholder request, whose path is not the client's).
         */
        private static String instanceOf(HttpRequest request) {
            DecoderResult result = request.decoderResult();
            if (result.isFailure() && (result.cause() instanceof TooLongHttpLineException
                    || !(request.uri().startsWith("/") || request.uri().contains("://")) || isPlaceholder(request))) {
                return null;
            }
            String path = Problems.pathOf(request.uri());
            // a path is echoed, not a whole oversized one
            return path != null && path.length() > 2048 ? null : path;
        }

        private static boolean isPlaceholder(HttpRequest request) {
            return "/bad-request".equals(request.uri());
        }
    }
}
