package jp.kyoso.notifications.email;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param from          the sender, for example {@code Kyoso 共創 <no-reply@kyoso.local>}
 * @param instantWindow an INSTANT mail collects the notices of one member for this long, then leaves
 * @param instantGrace  extra wait after a window, for notices that were being written as it closed
 * @param instantSpread the INSTANT mails of one window leave spread over this long after the grace, each member's at
 *                      its own moment: the watchers of a busy thread all have a mail in every window, and mailed in
 *                      the same instant their window reads held the inbox while the next notices waited to be stored
 */
@ConfigurationProperties("kyoso.mail")
public record MailSettings(String from, Duration instantWindow, Duration instantGrace, Duration instantSpread) {
    public MailSettings {
        from = from == null ? "Kyoso 共創 <no-reply@kyoso.local>" : from;
        instantWindow = instantWindow == null ? Duration.ofSeconds(20) : instantWindow;
        instantGrace = instantGrace == null ? Duration.ofSeconds(2) : instantGrace;
        instantSpread = instantSpread == null ? Duration.ofSeconds(10) : instantSpread;
    }
}
