package jp.kyoso.notifications.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * What the gateway makes of the mail server's answers, against a scripted SMTP server on a local socket: a server
 * that is not there is retried and reported UNREACHABLE (wait), a permanent refusal (5xx) is REJECTED at once without
 * a retry, a temporary one (4xx) is TEMPORARY, and several mails share one connection.
 */
class MailGatewayTest {
    private final List<AutoCloseable> servers = new ArrayList<>();

    @AfterEach
    void stopServers() throws Exception {
        for (AutoCloseable server : servers) {
            server.close();
        }
    }

    @Test
    void aServerThatIsNotThereIsRetriedAndReportedUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        MailGateway.Result result = gateway(closedPort).sendAll(List.of(mail("a@city.example.lg.jp"))).get(0);
        assertThat(result.status()).isEqualTo(MailGateway.Status.UNREACHABLE);
        assertThat(result.error()).contains("Cannot reach the mail server");
    }

    @Test
    void aPermanentRefusalIsRejectedWithoutRetryingAndATemporaryOneIsLeftForLater() throws Exception {
        ScriptedSmtp server = new ScriptedSmtp(recipient -> recipient.startsWith("gone") ? "550 5.1.1 no such user"
                : recipient.startsWith("full") ? "452 4.2.2 mailbox full" : "250 ok");
        List<MailGateway.Result> results = gateway(server.port()).sendAll(List.of(mail("ok@city.example.lg.jp"),
                mail("gone@city.example.lg.jp"), mail("full@city.example.lg.jp"), mail("ok2@city.example.lg.jp")));
        assertThat(results).extracting(MailGateway.Result::status).containsExactly(MailGateway.Status.SENT,
                MailGateway.Status.REJECTED, MailGateway.Status.TEMPORARY, MailGateway.Status.SENT);
        assertThat(results.get(1).error()).contains("550");
        // one connection for the four mails, and no retry of the refused ones
        assertThat(server.connections.get()).isEqualTo(1);
        assertThat(server.recipients).containsExactly("ok@city.example.lg.jp", "gone@city.example.lg.jp",
                "full@city.example.lg.jp", "ok2@city.example.lg.jp");
    }

    private MailGateway gateway(int port) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        Properties properties = new Properties();
        properties.put("mail.smtp.connectiontimeout", "1000");
        properties.put("mail.smtp.timeout", "2000");
        properties.put("mail.smtp.writetimeout", "2000");
        sender.setJavaMailProperties(properties);
        RetryRegistry retries = RetryRegistry.of(RetryConfig.custom().maxAttempts(3).waitDuration(Duration.ofMillis(10))
                .retryExceptions(MailServerUnreachableException.class).build());
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .recordExceptions(MailServerUnreachableException.class).build());
        MailGateway gateway = new MailGateway(sender, new MailSettings(null, null, null, null), breakers, retries);
        assertThat(gateway.longestSend()).isEqualTo(Duration.ofMillis(3 * 5000 + 2 * 10));
        return gateway;
    }

    private static MailGateway.Outgoing mail(String to) {
        return new MailGateway.Outgoing(new Mail(to, "件名 / Subject", "本文 / Body"), "<" + to + "@kyoso.local>");
    }

    /** Just enough SMTP: answers RCPT TO as the script says and everything else with success. */
    private final class ScriptedSmtp implements AutoCloseable {
        final AtomicInteger connections = new AtomicInteger();
        final List<String> recipients = java.util.Collections.synchronizedList(new ArrayList<>());
        private final ServerSocket socket = new ServerSocket(0);
        private final java.util.function.Function<String, String> rcpt;

        ScriptedSmtp(java.util.function.Function<String, String> rcpt) throws IOException {
            this.rcpt = rcpt;
            servers.add(this);
            Thread thread = new Thread(this::serve, "scripted-smtp");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept();
                     BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                             StandardCharsets.US_ASCII));
                     PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.US_ASCII)) {
                    connections.incrementAndGet();
                    reply(out, "220 scripted ESMTP");
                    boolean data = false;
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        if (data) {
                            if (line.equals(".")) {
                                data = false;
                                reply(out, "250 queued");
                            }
                            continue;
                        }
                        String command = line.toUpperCase();
                        if (command.startsWith("EHLO")) {
                            reply(out, "250-scripted\r\n250 8BITMIME");
                        } else if (command.startsWith("RCPT TO:")) {
                            String recipient = line.substring(8).replaceAll("[<> ]", "");
                            recipients.add(recipient);
                            reply(out, rcpt.apply(recipient));
                        } else if (command.startsWith("DATA")) {
                            data = true;
                            reply(out, "354 go on");
                        } else if (command.startsWith("QUIT")) {
                            reply(out, "221 bye");
                            break;
                        } else {
                            reply(out, "250 ok");
                        }
                    }
                } catch (IOException e) {
                    // closed
                }
            }
        }

        private void reply(PrintWriter out, String line) {
            out.print(line + "\r\n");
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
