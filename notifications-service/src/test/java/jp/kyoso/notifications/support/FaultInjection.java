package jp.kyoso.notifications.support;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jp.kyoso.notifications.delivery.DeliveryStore;
import jp.kyoso.notifications.email.InstantMails;
import jp.kyoso.notifications.email.MailSettings;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Lets a test make one attempt at an event fail after its notices are stored: the INSTANT mail collection, the first
 * side effect after the insert, throws once for a chosen member (as a crash or a database error would stop it).
 */
@TestConfiguration(proxyBeanMethods = false)
public class FaultInjection {
    private static final Set<String> failNext = ConcurrentHashMap.newKeySet();
    private static final Set<String> failed = ConcurrentHashMap.newKeySet();

    /** The next collection of a mail notice for this member throws. */
    public static void failNextMailCollectionFor(String memberId) {
        failNext.add(memberId);
    }

    /** Whether the failure asked for happened. */
    public static boolean failedFor(String memberId) {
        return failed.contains(memberId);
    }

    @Bean
    @Primary
    InstantMails failingOnceInstantMails(DeliveryStore deliveries, MailSettings settings) {
        return new InstantMails(deliveries, settings) {
            @Override
            public void collect(List<Notice> notices) {
                for (Notice notice : notices) {
                    if (failNext.remove(notice.memberId())) {
                        failed.add(notice.memberId());
                        throw new IllegalStateException("injected: the attempt stops after the insert");
                    }
                }
                super.collect(notices);
            }
        };
    }
}
