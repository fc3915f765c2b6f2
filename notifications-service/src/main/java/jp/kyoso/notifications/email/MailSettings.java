package jp.kyoso.notifications.email;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param from          the sender, for example {@code Kyoso 共創 <no-reply@kyoso.local>}
 * @param instantWindow an INSTANT mail collects the notices of one member for this long, then leaves
 * @param instantGrace  extra wait after a window, for notices that were being written as it closed
 */
@ConfigurationProperties("kyoso.mail")
public record MailSettings(String from, Duration instantWindow, Duration instantGrace) {
    public MailSettings {
        from = from == null ? "Kyoso 共創 <no-reply@kyoso.local>" : from;
        instantWindow = instantWindow == null ? Duration.ofSeconds(20) : instantWindow;
        instantGrace = instantGrace == null ? Duration.ofSeconds(2) : instantGrace;
    }
}
