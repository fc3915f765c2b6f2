package jp.kyoso.posts.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import jp.kyoso.platform.web.ProblemResponses;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request bodies over 64 KiB are refused with 413 before anything reads them (the contract's limit; the gateway
 * checks it too). The largest valid post, 20,000 Japanese characters, is about 60 KB of JSON.
 */
@Component
class RequestSizeLimit extends OncePerRequestFilter implements Ordered {
    static final long MAX_BYTES = 64 * 1024;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > MAX_BYTES) {
            ProblemResponses.write(response, HttpStatus.CONTENT_TOO_LARGE,
                    "リクエストが大きすぎます / Request too large",
                    "リクエストの本文は 64 KiB までです / The request body must be at most 64 KiB");
            return;
        }
        chain.doFilter(request, response);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
