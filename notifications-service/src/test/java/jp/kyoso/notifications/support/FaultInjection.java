package jp.kyoso.notifications.support;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jp.kyoso.notifications.delivery.DeliveryStore;
import jp.kyoso.notifications.delivery.DeliveryWorkers;
import jp.kyoso.notifications.delivery.WebLinks;
import jp.kyoso.notifications.slack.SlackMessages;
import jp.kyoso.notifications.slack.WebhookSecrets;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Lets a test make one attempt at an event fail after its notices are stored: queueing the Slack messages, the last
 * side effect the consumer itself runs after the insert, throws once for a chosen member (as a crash or a database
 * error would stop it). Or hold the consumer there, as a slow database would, until the test lets it go on.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FaultInjection {
    private static final Set<String> failNext = ConcurrentHashMap.newKeySet();
    private static final Set<String> failed = ConcurrentHashMap.newKeySet();
    private static final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();
    private static final Set<String> holding = ConcurrentHashMap.newKeySet();

    /** The next queueing of a Slack message for this member throws. */
    public static void failNextSideEffectFor(String memberId) {
        failNext.add(memberId);
    }

    /** Whether the failure asked for happened. */
    public static boolean failedFor(String memberId) {
        return failed.contains(memberId);
    }

    /**
     * The next queueing of a Slack message for this member waits, on the consumer's thread, until the returned latch
     * is counted down (at most a minute).
     */
    public static CountDownLatch holdNextSideEffectFor(String memberId) {
        return holds.computeIfAbsent(memberId, id -> new CountDownLatch(1));
    }

    /** Whether a consumer thread is waiting in a hold asked for by {@link #holdNextSideEffectFor}. */
    public static boolean holding(String memberId) {
        return holding.contains(memberId);
    }

    private static void holdIfAsked(String memberId) {
        CountDownLatch hold = holds.remove(memberId);
        if (hold == null) {
            return;
        }
        holding.add(memberId);
        try {
            hold.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            holding.remove(memberId);
        }
    }

    @Bean
    @Primary
    SlackMessages failingOnceSlackMessages(DeliveryStore deliveries, DeliveryWorkers workers, WebLinks links,
                                           Clock clock, WebhookSecrets webhooks) {
        return new SlackMessages(deliveries, workers, links, clock, webhooks) {
            @Override
            public void queueNotices(List<ToMember> messages) {
                for (ToMember message : messages) {
                    holdIfAsked(message.memberId());
                    if (failNext.remove(message.memberId())) {
                        failed.add(message.memberId());
                        throw new IllegalStateException("injected: the attempt stops after the insert");
                    }
                }
                super.queueNotices(messages);
            }
        };
    }
}
