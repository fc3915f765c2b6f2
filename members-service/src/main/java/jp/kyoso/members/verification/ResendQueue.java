package jp.kyoso.members.verification;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Where resend requests are worked off, after the 202 has gone out: the answer then takes the same time whether the
 * address belongs to nobody, to an active member or to a pending one (which costs a lookup, a new token and a write).
 * One thread, so the work of many requests cannot take over the service, and a bounded queue: when it is full a
 * request is dropped (its sender can ask again; the mail interval makes that harmless).
 */
@Component
class ResendQueue implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(ResendQueue.class);
    private static final int CAPACITY = 200;

    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(CAPACITY), runnable -> {
                Thread thread = new Thread(runnable, "verification-resend");
                thread.setDaemon(true);
                return thread;
            }, (runnable, executor) -> log.warn("Verification resend queue is full; a resend request was dropped"));

    /** In the order given (one thread): a later request for the same address runs after an earlier one. */
    void submit(Runnable work) {
        Map<String, String> requestContext = MDC.getCopyOfContextMap();
        executor.execute(() -> {
            if (requestContext != null) {
                MDC.setContextMap(requestContext);
            }
            try {
                work.run();
            } catch (RuntimeException e) {
                // Never the address: this must not tell a log reader who is registered either.
                log.warn("A verification resend failed: {}", e.getClass().getSimpleName());
            } finally {
                MDC.clear();
            }
        });
    }

    @Override
    public void destroy() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
