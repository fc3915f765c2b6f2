package jp.kyoso.notifications.support;

import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A GreenMail SMTP server for the tests, and the Slack stand-in; both are wired into the application's properties.
 * The server first binds a port the system picks (no free-port guess that another process could take first), and a
 * restart after {@link #stop} (mail server down and back up) binds that same port again, retrying while it is not
 * free yet.
 */
public class TestMail implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    private static GreenMail greenMail;
    private static int port;

    public static synchronized GreenMail server() {
        if (greenMail == null) {
            greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            greenMail.start();
            port = greenMail.getSmtp().getPort();
        }
        return greenMail;
    }

    public static synchronized void stop() {
        greenMail.stop();
    }

    public static synchronized void start() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            GreenMail restarted = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            try {
                restarted.start();
            } catch (RuntimeException bindFailed) {
                restarted.stop();
                return false;
            }
            greenMail = restarted;
            return true;
        });
    }

    public static List<MimeMessage> to(String address) {
        return Arrays.stream(server().getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(address));
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toList();
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        server();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testMail", Map.of(
                "spring.mail.host", "127.0.0.1",
                "spring.mail.port", Integer.toString(port),
                "kyoso.slack.allowed-webhook-prefixes", FakeSlack.get().url(""))));
    }
}
