package jp.kyoso.notifications.stream;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jp.kyoso.notifications.inbox.NotificationItem;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The Server-Sent-Event streams open on this instance, by member, and their heartbeat. */
@Component
public class LiveStreams implements SmartLifecycle {
    private final Map<String, List<SseEmitter>> byMember = new ConcurrentHashMap<>();
    private final StreamProperties properties;
    private ScheduledExecutorService heartbeat;
    private volatile boolean running;

    public LiveStreams(StreamProperties properties) {
        this.properties = properties;
    }

    public SseEmitter open(String memberId) {
        SseEmitter emitter = new SseEmitter(properties.timeout().toMillis());
        List<SseEmitter> emitters = byMember.computeIfAbsent(memberId, id -> new CopyOnWriteArrayList<>());
        emitters.add(emitter);
        Runnable remove = () -> {
            emitters.remove(emitter);
            byMember.computeIfPresent(memberId, (id, list) -> list.isEmpty() ? null : list);
        };
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(error -> remove.run());
        return emitter;
    }

    public boolean hasStream(String memberId) {
        return byMember.containsKey(memberId);
    }

    public int openStreams() {
        return byMember.values().stream().mapToInt(List::size).sum();
    }

    /** Sends to every stream of the member on this instance; a stream that cannot be written to is closed. */
    public void send(String memberId, NotificationItem item) {
        List<SseEmitter> emitters = byMember.get(memberId);
        if (emitters == null) {
            return;
        }
        for (SseEmitter emitter : emitters) {
            send(emitter, item);
        }
    }

    public void send(SseEmitter emitter, NotificationItem item) {
        try {
            emitter.send(SseEmitter.event().id(item.id()).name("notification").data(item, MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException e) {
            emitter.completeWithError(e);
        }
    }

    public void comment(SseEmitter emitter, String text) {
        try {
            emitter.send(SseEmitter.event().comment(text));
        } catch (IOException | IllegalStateException e) {
            emitter.completeWithError(e);
        }
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
        heartbeat.scheduleAtFixedRate(() -> byMember.values().forEach(list -> list.forEach(e -> comment(e, "heartbeat"))),
                period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        heartbeat.shutdownNow();
        byMember.values().forEach(list -> list.forEach(SseEmitter::complete));
        byMember.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
