package jp.kyoso.notifications.stream;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jp.kyoso.notifications.inbox.NotificationItem;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The Server-Sent-Event streams open on this instance, by member, their heartbeat, and the small pool of threads that
 * writes to them (see {@link OpenStream}: nobody else ever writes to a connection, so nothing that shows a notice
 * waits for a client).
 */
@Component
public class LiveStreams implements SmartLifecycle {
    private final Map<String, List<OpenStream>> byMember = new ConcurrentHashMap<>();
    private final StreamProperties properties;
    private final ThreadPoolExecutor writers;
    private ScheduledExecutorService heartbeat;
    private volatile boolean running;

    public LiveStreams(StreamProperties properties) {
        this.properties = properties;
        AtomicInteger count = new AtomicInteger();
        this.writers = new ThreadPoolExecutor(properties.writerThreads(), properties.writerThreads(), 30,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread thread = new Thread(r, "stream-writer-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.writers.allowCoreThreadTimeOut(true);
    }

    /** Opens a stream for the member; the returned stream is registered before the first notice can be shown. */
    OpenStream open(String memberId) {
        OpenStream stream = new OpenStream(new SseEmitter(properties.timeout().toMillis()), writers,
                properties.queueCapacity());
        byMember.compute(memberId, (id, list) -> {
            List<OpenStream> streams = list == null ? new CopyOnWriteArrayList<>() : list;
            streams.add(stream);
            return streams;
        });
        Runnable remove = () -> byMember.computeIfPresent(memberId, (id, list) -> {
            list.remove(stream);
            return list.isEmpty() ? null : list;
        });
        SseEmitter emitter = stream.emitter();
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(error -> remove.run());
        return stream;
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
