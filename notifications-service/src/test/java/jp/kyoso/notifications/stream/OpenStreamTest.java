package jp.kyoso.notifications.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import jp.kyoso.notifications.inbox.NotificationItem;
import jp.kyoso.notifications.inbox.NotificationType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** A stream whose client does not read holds up nobody: its queue fills, then it is closed. */
class OpenStreamTest {
    private final ExecutorService writers = Executors.newFixedThreadPool(2);
    private final CountDownLatch clientReads = new CountDownLatch(1);
    private final List<SseEmitter.SseEventBuilder> written = new CopyOnWriteArrayList<>();
    private volatile boolean completed;

    /** An emitter whose writes block until the client reads, as a socket whose buffers are full does. */
    private final SseEmitter stuck = new SseEmitter() {
        @Override
        public void send(SseEventBuilder builder) throws IOException {
            try {
                clientReads.await();
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            written.add(builder);
        }

        @Override
        public synchronized void complete() {
            completed = true;
        }
    };

    @AfterEach
    void stop() {
        clientReads.countDown();
        writers.shutdownNow();
    }

    @Test
    void theFirstLineIsHandedOverOnTheCallersThreadNeverByAWriter() throws IOException {
        List<String> sentBy = new CopyOnWriteArrayList<>();
        SseEmitter recording = new SseEmitter() {
            @Override
            public void send(SseEventBuilder builder) {
                sentBy.add(Thread.currentThread().getName());
            }
        };
        List<Runnable> neverRun = new CopyOnWriteArrayList<>();
        OpenStream stream = new OpenStream(recording, neverRun::add, 4);

        stream.connected();

        // the request's thread hands it to Spring MVC, which commits the response on that thread (see connected())
        assertThat(sentBy).containsExactly(Thread.currentThread().getName());
        assertThat(neverRun).isEmpty();
    }

    @Test
    void aClientThatDoesNotReadNeverBlocksWhoShowsNoticesAndIsClosedOnceItsQueueIsFull() throws Exception {
        OpenStream stream = new OpenStream(stuck, writers, 4);
        long start = System.nanoTime();
        List<Boolean> accepted = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 10; i++) {
            accepted.add(stream.show(item("m:e" + i)));
        }
        // ten notices queued or refused at once, although not one could be written
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        // four wait in the queue (and perhaps one more in the blocked writer's hands), then the stream gives up
        assertThat(accepted.subList(0, 4)).containsOnly(true);
        assertThat(accepted.subList(5, 10)).containsOnly(false);
        assertThat(stream.closed()).isTrue();
        clientReads.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> completed);
        assertThat(written.size()).isLessThanOrEqualTo(1);
    }

    @Test
    void aNoticeSignalledTwiceIsShownOnce() throws Exception {
        clientReads.countDown();
        OpenStream stream = new OpenStream(stuck, writers, 16);
        assertThat(stream.show(item("m:e1"))).isTrue();
        assertThat(stream.show(item("m:e1"))).isTrue();
        assertThat(stream.show(item("m:e2"))).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> written.size() == 2);
        writers.shutdown();
        assertThat(writers.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(written).hasSize(2);
        assertThat(completed).isFalse();
    }

    @Test
    void aStreamWhoseClientWentAwayIsClosedWithoutAnErrorEscapingItsWriter() {
        List<String> uses = new CopyOnWriteArrayList<>();
        // Tomcat, once it has reported the broken connection, refuses every later use of the request from our threads
        SseEmitter ended = new SseEmitter() {
            @Override
            public void send(SseEventBuilder builder) {
                uses.add("send");
                throw new IllegalStateException("A non-container (application) thread attempted to use the AsyncContext");
            }

            @Override
            public synchronized void completeWithError(Throwable ex) {
                uses.add("completeWithError");
                throw new IllegalStateException("A non-container (application) thread attempted to use the AsyncContext");
            }
        };
        // the writer runs in the caller's thread, so whatever escapes it escapes here
        OpenStream stream = new OpenStream(ended, Runnable::run, 4);

        stream.close(OpenStream.CloseReason.TOO_MANY_STREAMS, 60_000);

        assertThat(uses).containsExactly("send", "completeWithError");
        assertThat(stream.closed()).isTrue();
        assertThat(stream.show(item("m:e1"))).isFalse();
        assertThat(uses).hasSize(2);
    }

    @Test
    void aStreamTheContainerEndedTakesNoMoreNotices() {
        clientReads.countDown();
        OpenStream stream = new OpenStream(stuck, Runnable::run, 4);
        assertThat(stream.show(item("m:e1"))).isTrue();

        stream.gone();

        assertThat(stream.show(item("m:e2"))).isFalse();
        assertThat(stream.comment("heartbeat")).isFalse();
        assertThat(written).hasSize(1);
        assertThat(completed).as("the container ended it; we must not").isFalse();
    }

    private static NotificationItem item(String id) {
        return new NotificationItem(id, NotificationType.REPLY, false, Instant.now(), null, "p", null, "general",
                "題名", "本文", null);
    }
}
