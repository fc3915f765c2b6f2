package jp.kyoso.notifications.email;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Hands a mail to the SMTP server through Spring Mail, inside a Resilience4j retry with exponential backoff (short
 * hiccups) and a circuit breaker (a server that is down is not hammered, and the queue waits instead).
 */
@Component
public class MailGateway {
    private final JavaMailSender sender;
    private final InternetAddress from;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;

    public MailGateway(JavaMailSender sender, MailSettings settings, CircuitBreakerRegistry circuitBreakers,
                       RetryRegistry retries) {
        this.sender = sender;
        this.from = parseFrom(settings.from());
        this.circuitBreaker = circuitBreakers.circuitBreaker("smtp");
        this.retry = retries.retry("smtp");
    }

    /**
     * @param messageId the same for every attempt of one mail, so that a mail server or client that sees a mail twice
     *                  (an attempt that timed out after the server had taken it) can recognise the copy
     * @throws io.github.resilience4j.circuitbreaker.CallNotPermittedException while the circuit is open
     * @throws org.springframework.mail.MailException when the server refused or could not be reached
     */
    public void send(Mail mail, String messageId) {
        MimeMessage message = prepare(mail, messageId);
        Runnable call = CircuitBreaker.decorateRunnable(circuitBreaker,
                Retry.decorateRunnable(retry, () -> sender.send(message)));
        call.run();
    }

    /** How long the circuit stays open: the wait before a queued mail is tried again while it is. */
    public Duration openCircuitWait() {
        return Duration.ofMillis(circuitBreaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState()
                .apply(1));
    }

    private MimeMessage prepare(Mail mail, String messageId) {
        try {
            MimeMessage message = sender instanceof JavaMailSenderImpl impl
                    ? new FixedIdMessage(impl.getSession(), messageId) : sender.createMimeMessage();
            message.setFrom(from);
            message.setRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(mail.to(), true));
            message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
            message.setSentDate(new Date());
            message.setText(mail.text(), StandardCharsets.UTF_8.name(), "plain");
            // Never quoted-printable: it would write "token=abc" as "token=3Dabc" and fold long lines. base64 is
            // turned into plain 8bit by the transport where the server supports 8BITMIME (mail.smtp.allow8bitmime).
            message.setHeader("Content-Transfer-Encoding", "base64");
            return message;
        } catch (MessagingException e) {
            throw new MailPreparationException("宛先またはメールの内容が正しくありません / Invalid address or content", e);
        }
    }

    private static InternetAddress parseFrom(String from) {
        try {
            InternetAddress parsed = InternetAddress.parse(from, false)[0];
            return new InternetAddress(parsed.getAddress(), parsed.getPersonal(), StandardCharsets.UTF_8.name());
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalArgumentException("kyoso.mail.from is not a mail address: " + from, e);
        }
    }

    /** A message whose Message-ID stays the one given, instead of a new one at every save. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
