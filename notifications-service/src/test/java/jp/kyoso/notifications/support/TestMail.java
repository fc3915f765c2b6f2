package jp.kyoso.notifications.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A GreenMail SMTP server for the tests, on a fixed port so that it can be stopped and started again (mail server
 * down and back up), and the Slack stand-in; both are wired into the application's properties.
 */
public class TestMail implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    private static GreenMail greenMail;
    private static int port;

    public static synchronized GreenMail server() {
        if (greenMail == null) {
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            start();
        }
        return greenMail;
    }

    public static synchronized void stop() {
        greenMail.stop();
    }

    public static synchronized void start() {
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
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
