package jp.kyoso.notifications.stream;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import jp.kyoso.notifications.inbox.NotificationItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One open {@code text/event-stream}. Whoever has something to show (the Kafka consumer storing a notice, the
 * stream-signal listener, the heartbeat) only puts it in this stream's bounded queue, which never blocks; a shared
 * writer pool drains the queue into the connection. So a client that reads slowly holds up at most a writer thread,
 * never the fan-out nor the other streams, and once its queue is full it is disconnected.
 *
 * <p>A notice is shown once per stream: the ids of the last notices queued are remembered, so a notice signalled
 * again (an event handled again after a failure) is not shown twice.
 */
final class OpenStream {
    private static final Logger log = LoggerFactory.getLogger(OpenStream.class);
    private static final int REMEMBERED_IDS = 256;

    private final SseEmitter emitter;
    private final Executor writers;
    private final Queue<SseEmitter.SseEventBuilder> queue;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final Map<String, Boolean> shown = new LinkedHashMap<>(32, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_IDS;
        }
    };
    private final Jwt token;
    private volatile boolean closed;
    private volatile boolean completed;
    private volatile SseEmitter.SseEventBuilder farewell;
    private volatile ScheduledFuture<?> expiry;

    OpenStream(SseEmitter emitter, Executor writers, int capacity) {
        this(emitter, writers, capacity, null);
    }

    OpenStream(SseEmitter emitter, Executor writers, int capacity, Jwt token) {
        this.emitter = emitter;
        this.writers = writers;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.token = token;
    }

    SseEmitter emitter() {
        return emitter;
    }

    /** The access token the stream was opened with: it ends at its {@code exp}, or when it is revoked. */
    Jwt token() {
        return token;
    }

    void expiresWith(ScheduledFuture<?> scheduled) {
        this.expiry = scheduled;
    }

    boolean closed() {
        return closed;
    }

    /** Queues the notice unless this stream showed it already; false if the stream is closed (or just got closed). */
    boolean show(NotificationItem item) {
        synchronized (shown) {
            if (shown.put(item.id(), Boolean.TRUE) != null) {
                return !closed;
            }
        }
        return offer(SseEmitter.event().id(item.id()).name("notification").data(item, MediaType.APPLICATION_JSON));
    }

    /**
     * The stream's first line, {@code :connected}, handed to the emitter on the caller's thread: the controller calls
     * this before it returns the emitter, and Spring MVC writes it when it takes the stream over, on the request's
     * own thread, which commits the response there. Queued for a writer instead, the commit could come from the
     * writer thread while the request's thread was still leaving the filter chain; both then wrote headers (Spring
     * Security's HeaderWriterFilter writes them at the commit or on its way out, spring-security#15510), Tomcat's
     * header table broke (an NPE in MimeHeaders) and the stream ended as a 500 a few milliseconds after it opened.
     */
    void connected() throws IOException {
        emitter.send(SseEmitter.event().comment("connected"));
    }

    boolean comment(String text) {
        return offer(SseEmitter.event().comment(text));
    }

    private boolean offer(SseEmitter.SseEventBuilder event) {
        if (closed) {
            return false;
        }
        if (!queue.offer(event)) {
            // the client does not keep up: let it go; it reconnects with Last-Event-ID and replays from the inbox
            closed = true;
        }
        schedule();
        return !closed;
    }

    /** Closes the stream, dropping what is queued; a writer completes it (never the caller, who must not block). */
    void close() {
        closed = true;
        ScheduledFuture<?> scheduled = expiry;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        schedule();
    }

    /**
     * Closes the stream with a last event {@code closed} whose data is {@code {"reason": ...}}, so that a client can
     * tell why (and, with {@code retryMillis}, the browser's EventSource waits that long before it reconnects).
     */
    void close(CloseReason reason, long retryMillis) {
        SseEmitter.SseEventBuilder last = SseEmitter.event().name("closed")
                .data(java.util.Map.of("reason", reason.name()), MediaType.APPLICATION_JSON);
        if (retryMillis > 0) {
            last.reconnectTime(retryMillis);
        }
        farewell = last;
        close();
    }

    /** Why the service closed a stream ({@code event: closed}). */
    enum CloseReason {
        /** The access token the stream was opened with has expired: the client reconnects with a fresh one. */
        TOKEN_EXPIRED,
        /** The token was revoked (the member left, their roles changed, they logged out everywhere). */
        TOKEN_REVOKED,
        /** The member opened more streams than allowed: the oldest one goes. */
        TOO_MANY_STREAMS
    }

    private void schedule() {
        if (draining.compareAndSet(false, true)) {
            try {
                writers.execute(this::drain);
            } catch (RejectedExecutionException e) {
                // shutting down
                draining.set(false);
            }
        }
    }

    /**
     * The container already ended the request (the client went away): nothing may be written any more, and the
     * queued notices are dropped (the client replays them from the inbox with {@code Last-Event-ID}). Called from the
     * emitter's completion, timeout and error callbacks.
     */
    void gone() {
        closed = true;
        completed = true;
        queue.clear();
        ScheduledFuture<?> scheduled = expiry;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }

    private void finishAfterFailedWrite(Exception cause) {
        try {
            emitter.completeWithError(cause);
        } catch (IllegalStateException alreadyEnded) {
            // the container reported the broken connection first and has ended the request itself; Tomcat refuses
            // any later use of it from our thread, and there is nothing left to end
        }
    }

    private void drain() {
        try {
            SseEmitter.SseEventBuilder event;
            while (!closed && (event = queue.poll()) != null) {
                emitter.send(event);
            }
            if (closed && !completed) {
                completed = true;
                queue.clear();
                SseEmitter.SseEventBuilder last = farewell;
                if (last != null) {
                    emitter.send(last);
                }
                emitter.complete();
            }
        } catch (IOException | IllegalStateException e) {
            // mostly a client that went away; the container's error page logs any other cause it was told of
            log.debug("Live stream write failed, the stream ends: {}", e.toString());
            closed = true;
            completed = true;
            queue.clear();
            finishAfterFailedWrite(e);
        } finally {
            draining.set(false);
        }
        // something may have been queued, or the stream closed, after the last look and before the flag went down
        if (!completed && (closed || !queue.isEmpty())) {
            schedule();
        }
    }
}
