package jp.kyoso.notifications.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jp.kyoso.notifications.inbox.NotificationItem;
import jp.kyoso.platform.revocation.RevokedTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The Server-Sent-Event streams open on this instance, by member, their heartbeat, and the small pool of threads that
 * writes to them (see {@link OpenStream}: nobody else ever writes to a connection, so nothing that shows a notice
 * waits for a client).
 */
@Component
public class LiveStreams implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(LiveStreams.class);
    private static final long EVICTED_RETRY_MILLIS = 60_000;
    private final Map<String, List<OpenStream>> byMember = new ConcurrentHashMap<>();
    private final StreamProperties properties;
    private final ThreadPoolExecutor writers;
    private volatile ScheduledExecutorService heartbeat;
    private volatile boolean running;

    public LiveStreams(StreamProperties properties, ObjectProvider<RevokedTokens> revokedTokens) {
        this.properties = properties;
        // a revoked token's streams close with it (the request filter only sees the request that opened them)
        revokedTokens.ifAvailable(revoked -> revoked.onRevocation(this::revoke));
        AtomicInteger count = new AtomicInteger();
        this.writers = new ThreadPoolExecutor(properties.writerThreads(), properties.writerThreads(), 30,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread thread = new Thread(r, "stream-writer-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.writers.allowCoreThreadTimeOut(true);
    }

    /**
     * Opens a stream for the member the token speaks for; the returned stream is registered before the first notice
     * can be shown. It is closed at the token's {@code exp} (a stream must not outlive the token that opened it), and
     * when the member already has {@code max-per-member} streams on this instance the oldest of them is closed: the
     * newest is almost always the one the member is looking at, while an old one is often a tab or a device that
     * has gone away without the server noticing yet; refusing the new one instead would leave the member without
     * live notices until the stale ones time out.
     */
    OpenStream open(Jwt token) {
        String memberId = token.getSubject();
        OpenStream stream = new OpenStream(new SseEmitter(properties.timeout().toMillis()), writers,
                properties.queueCapacity(), token);
        List<OpenStream> evicted = new ArrayList<>();
        byMember.compute(memberId, (id, list) -> {
            List<OpenStream> streams = list == null ? new CopyOnWriteArrayList<>() : list;
            streams.add(stream);
            while (streams.size() > properties.maxPerMember()) {
                evicted.add(streams.remove(0));
            }
            return streams;
        });
        // the evicted client waits a minute before its browser reconnects, so that two tabs too many do not take
        // turns pushing each other out every few seconds
        evicted.forEach(old -> old.close(OpenStream.CloseReason.TOO_MANY_STREAMS, EVICTED_RETRY_MILLIS));
        Runnable remove = () -> byMember.computeIfPresent(memberId, (id, list) -> {
            list.remove(stream);
            return list.isEmpty() ? null : list;
        });
        SseEmitter emitter = stream.emitter();
        Runnable ended = () -> {
            stream.gone();
            remove.run();
        };
        emitter.onCompletion(ended);
        emitter.onTimeout(ended);
        emitter.onError(error -> {
            log.debug("Live stream of member {} ended by the container: {}", memberId, error.toString());
            ended.run();
        });
        closeAtExpiry(stream);
        return stream;
    }

    private void closeAtExpiry(OpenStream stream) {
        Instant expiresAt = stream.token().getExpiresAt();
        ScheduledExecutorService scheduler = heartbeat;
        if (expiresAt == null || scheduler == null) {
            return;
        }
        long delay = Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis());
        try {
            stream.expiresWith(scheduler.schedule(() -> stream.close(OpenStream.CloseReason.TOKEN_EXPIRED, 0),
                    delay, TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException e) {
            // shutting down: every stream is closed anyway
        }
    }

    /** Closes the member's streams opened with a token issued before the revocation. */
    void revoke(String memberId, Instant notBefore) {
        List<OpenStream> streams = byMember.get(memberId);
        if (streams == null) {
            return;
        }
        for (OpenStream stream : streams) {
            if (stream.token() != null && RevokedTokens.issuedBefore(stream.token(), notBefore)) {
                stream.close(OpenStream.CloseReason.TOKEN_REVOKED, 0);
                forget(memberId, stream);
            }
        }
    }

    /** How many streams are open on this instance ({@code kyoso_live_streams_open}). */
    public int openStreams() {
        return byMember.values().stream().mapToInt(List::size).sum();
    }

    /** How many streams are open for the member on this instance. */
    int openStreams(String memberId) {
        List<OpenStream> streams = byMember.get(memberId);
        return streams == null ? 0 : streams.size();
    }

    public boolean hasStream(String memberId) {
        return byMember.containsKey(memberId);
    }

    /** Queues the notice on every stream of the member on this instance; never blocks. */
    public void send(String memberId, NotificationItem item) {
        List<OpenStream> streams = byMember.get(memberId);
        if (streams == null) {
            return;
        }
        for (OpenStream stream : streams) {
            if (!stream.show(item)) {
                forget(memberId, stream);
            }
        }
    }

    private void forget(String memberId, OpenStream stream) {
        byMember.computeIfPresent(memberId, (id, list) -> {
            list.remove(stream);
            return list.isEmpty() ? null : list;
        });
    }

    @Override
    public void start() {
        running = true;
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "stream-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long period = properties.heartbeat().toMillis();
        heartbeat.scheduleAtFixedRate(() -> byMember.forEach((memberId, streams) -> streams.forEach(stream -> {
            if (!stream.comment("heartbeat")) {
                forget(memberId, stream);
            }
        })), period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        heartbeat.shutdownNow();
        byMember.values().forEach(streams -> streams.forEach(OpenStream::close));
        byMember.clear();
        writers.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
