package jp.kyoso.platform.idempotency;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import jp.kyoso.platform.text.Messages;
import jp.kyoso.platform.web.ProblemResponses;
import jp.kyoso.platform.web.ProblemTexts;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Makes a POST that carries an {@code Idempotency-Key} run once: a retry with the same key and the same request gets
 * the first answer again (with {@code Idempotent-Replayed: true}), the same key with another request is 422, and a
 * retry while the first still runs is 409 with {@code Retry-After}. Server errors (5xx) are not kept, so that their
 * retry runs again. Runs after Spring Security, so that the key belongs to the caller (the token's subject); for
 * anonymous requests the key alone names the record.
 */
public class IdempotencyFilter extends OncePerRequestFilter implements Ordered {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    /** After Spring Security's filter chain (order -100), before everything that answers the request. */
    public static final int ORDER = -50;
    static final Pattern FORMAT = Pattern.compile("[\\x21-\\x7E]{1,64}");
    static final String RETRY_AFTER_SECONDS = "1";

    private final IdempotencyRecords records;
    private final IdempotencyProperties properties;
    private final String service;
    private final AntPathMatcher paths = new AntPathMatcher();

    public IdempotencyFilter(IdempotencyRecords records, IdempotencyProperties properties, String service) {
        this.records = records;
        this.properties = properties;
        this.service = service;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return properties.excludedPaths().stream().anyMatch(pattern -> paths.match(pattern, path))
                // a multipart body is parsed by the container from the original stream, which this filter would read
                || (request.getContentType() != null
                && request.getContentType().toLowerCase().startsWith(MediaType.MULTIPART_FORM_DATA_VALUE));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (!FORMAT.matcher(key).matches()) {
            ProblemResponses.write(response, HttpStatus.BAD_REQUEST, ProblemTexts.title(HttpStatus.BAD_REQUEST),
                    Messages.get("idempotency.key-malformed"));
            return;
        }
        BufferedBodyRequest buffered = new BufferedBodyRequest(request);
        IdempotencyRecords.Claim claim = records.claim(service, caller(), key, hashOf(buffered));
        if (claim instanceof IdempotencyRecords.Run run) {
            runOnce(buffered, response, chain, run);
        } else if (claim instanceof IdempotencyRecords.Replay replay) {
            replay(response, replay);
        } else if (claim instanceof IdempotencyRecords.Mismatch) {
            ProblemResponses.write(response, HttpStatus.UNPROCESSABLE_CONTENT,
                    Messages.get("idempotency.key-reused.title"), Messages.get("idempotency.key-reused.detail"));
        } else {
            response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            ProblemResponses.write(response, HttpStatus.CONFLICT, ProblemTexts.title(HttpStatus.CONFLICT),
                    Messages.get("idempotency.in-progress"));
        }
    }

    private void runOnce(BufferedBodyRequest request, HttpServletResponse response, FilterChain chain,
                         IdempotencyRecords.Run run) throws ServletException, IOException {
        ContentCachingResponseWrapper caching = new ContentCachingResponseWrapper(response);
        boolean kept = false;
        try {
            chain.doFilter(request, caching);
            byte[] body = caching.getContentAsByteArray();
            int status = caching.getStatus();
            // 5xx: the retry must run again; an async answer is written after this returns and cannot be kept
            if (status < 500 && !request.isAsyncStarted() && body.length <= properties.maxStoredBytes()) {
                records.complete(run, status, caching.getContentType(), caching.getHeader(HttpHeaders.LOCATION), body);
                kept = true;
            }
        } finally {
            if (!kept) {
                records.release(run);
            }
        }
        caching.copyBodyToResponse();
    }

    private static void replay(HttpServletResponse response, IdempotencyRecords.Replay replay) throws IOException {
        response.setStatus(replay.status());
        if (replay.contentType() != null) {
            response.setContentType(replay.contentType());
        }
        if (replay.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, replay.location());
        }
        response.setHeader(REPLAYED_HEADER, "true");
        response.setContentLength(replay.body().length);
        response.getOutputStream().write(replay.body());
    }

    /** The token's subject; null for an anonymous request (then the key alone names the record). */
    private static String caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return null;
        }
        return authentication.getName();
    }

    /** The request a key stands for: method, path with query and body. */
    private static String hashOf(BufferedBodyRequest request) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        String query = request.getQueryString();
        byte[] head = (request.getMethod() + " " + request.getRequestURI() + (query == null ? "" : "?" + query) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        text.writeBytes(head);
        text.writeBytes(request.body);
        return IdempotencyRecords.sha256(text.toByteArray());
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    /** The body read once for its hash and then given to the handler as if unread. */
    static final class BufferedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedBodyRequest(HttpServletRequest request) throws IOException {
            super(request);
            this.body = request.getInputStream().readAllBytes();
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }

                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return bytes.read(buffer, offset, length);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }
}
