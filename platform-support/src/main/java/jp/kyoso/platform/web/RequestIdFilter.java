package jp.kyoso.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Takes the {@code X-Request-Id} that the gateway (or a client) sent, or makes one, puts it in the logging context so
 * that every log line of the request carries it, and echoes it in the response.
 */
public class RequestIdFilter extends OncePerRequestFilter implements Ordered {
    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    // A client-chosen id ends up in log lines: keep it short and free of anything that could forge a line.
    private static final Logger access = LoggerFactory.getLogger("jp.kyoso.access");
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    // kept on the request so that an async dispatch (SSE, deferred results) logs with the same id and start time
    private static final String ID_ATTRIBUTE = RequestIdFilter.class.getName() + ".id";
    private static final String STARTED_ATTRIBUTE = RequestIdFilter.class.getName() + ".started";

    public static String acceptOrCreate(String candidate) {
        return candidate != null && ACCEPTABLE.matcher(candidate).matches() ? candidate : UUID.randomUUID().toString();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean asyncDispatch = isAsyncDispatch(request);
        Object earlierId = request.getAttribute(ID_ATTRIBUTE);
        String requestId = asyncDispatch && earlierId instanceof String id ? id
                : acceptOrCreate(request.getHeader(HEADER));
        MDC.put(MDC_KEY, requestId);
        Object earlierStart = request.getAttribute(STARTED_ATTRIBUTE);
        long started = asyncDispatch && earlierStart instanceof Long start ? start : System.nanoTime();
        if (!asyncDispatch) {
            request.setAttribute(ID_ATTRIBUTE, requestId);
            request.setAttribute(STARTED_ATTRIBUTE, started);
            response.setHeader(HEADER, requestId);
        }
        // the problems that filters write (401, 403, 413 ...) name the request's path as their instance
        // (ProblemResponses): make the request known to them even before Spring's RequestContextFilter runs
        boolean exposeRequest = RequestContextHolder.getRequestAttributes() == null;
        if (exposeRequest) {
            RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request, response));
        }
        try {
            chain.doFilter(request, response);
        } finally {
            if (exposeRequest) {
                RequestContextHolder.resetRequestAttributes();
            }
            // An async request (an event stream) is logged once, by the dispatch that ends it, with its real status.
            if (!request.isAsyncStarted() && !request.getRequestURI().startsWith("/actuator")) {
                access.info("{} {} -> {} in {} ms", request.getMethod(), request.getRequestURI(), response.getStatus(),
                        (System.nanoTime() - started) / 1_000_000);
            }
            MDC.remove(MDC_KEY);
        }
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
