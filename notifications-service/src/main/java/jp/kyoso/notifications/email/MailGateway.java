package jp.kyoso.notifications.email;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import jp.kyoso.notifications.Messages;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Hands mails to the SMTP server through Spring Mail, several over one connection, inside a Resilience4j retry with
 * exponential backoff (short hiccups) and a circuit breaker (a server that is down is not hammered, and the queue
 * waits instead). Only connection-level failures are retried and counted by the breaker: a mail the server refused
 * is refused again, and says nothing about the server's health.
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
     * A mail to send.
     *
     * @param messageId the same for every attempt of one mail, so that a mail server or client that sees a mail twice
     *                  (an attempt that timed out after the server had taken it) can recognise the copy
     */
    public record Outgoing(Mail mail, String messageId) {
    }

    public enum Status {
        SENT,
        /** The server could not be reached, also after the retries: wait for it. */
        UNREACHABLE,
        /** Refused for good (a 5xx answer, an address that cannot be written): do not send again. */
        REJECTED,
        /** Refused for now (a 4xx answer, another error): try again after the backoff. */
        TEMPORARY
    }

    public record Result(Status status, String error) {
        static final Result SENT = new Result(Status.SENT, null);
    }

    /**
     * Sends the mails over one connection and tells, mail by mail, what became of them.
     *
     * @throws io.github.resilience4j.circuitbreaker.CallNotPermittedException while the circuit is open (nothing was
     *                                                                         tried)
     */
    public List<Result> sendAll(List<Outgoing> mails) {
        List<Result> results = new ArrayList<>(mails.size());
        Map<MimeMessage, Integer> positions = new IdentityHashMap<>();
        List<MimeMessage> remaining = new ArrayList<>();
        for (Outgoing outgoing : mails) {
            try {
                MimeMessage message = prepare(outgoing.mail(), outgoing.messageId());
                positions.put(message, results.size());
                remaining.add(message);
                results.add(Result.SENT);
            } catch (MailPreparationException e) {
                results.add(new Result(Status.REJECTED, Messages.get("email.delivery.invalid-content")));
            }
        }
        if (remaining.isEmpty()) {
            return results;
        }
        // each try sends what is left: the mails the server could not be reached for; the others have their result
        Runnable attempt = () -> {
            try {
                sender.send(remaining.toArray(MimeMessage[]::new));
                remaining.clear();
            } catch (MailSendException e) {
                Map<Object, Exception> failed = e.getFailedMessages();
                List<MimeMessage> unreachable = new ArrayList<>();
                Exception connectionFailure = null;
                for (MimeMessage message : remaining) {
                    Exception failure = failed.get(message);
                    if (failure == null) {
                        continue;
                    }
                    SmtpFailures.Kind kind = SmtpFailures.classify(failure);
                    if (kind == SmtpFailures.Kind.UNREACHABLE) {
                        unreachable.add(message);
                        connectionFailure = failure;
                    } else {
                        results.set(positions.get(message), new Result(kind == SmtpFailures.Kind.REJECTED
                                ? Status.REJECTED : Status.TEMPORARY,
                                Messages.get("email.delivery.smtp-error", SmtpFailures.describe(failure))));
                    }
                }
                remaining.clear();
                remaining.addAll(unreachable);
                if (!remaining.isEmpty()) {
                    throw new MailServerUnreachableException(SmtpFailures.describe(connectionFailure),
                            connectionFailure);
                }
            } catch (MailException e) {
                // a failed login and the like: every mail of this try shares it
                for (MimeMessage message : remaining) {
                    results.set(positions.get(message), new Result(Status.TEMPORARY,
                            Messages.get("email.delivery.smtp-error", SmtpFailures.describe(e))));
                }
                remaining.clear();
            }
        };
        try {
            CircuitBreaker.decorateRunnable(circuitBreaker, Retry.decorateRunnable(retry, attempt)).run();
        } catch (MailServerUnreachableException e) {
            String error = Messages.get("email.delivery.unreachable", e.getMessage());
            for (MimeMessage message : remaining) {
                results.set(positions.get(message), new Result(Status.UNREACHABLE, error));
            }
        }
        return results;
    }

    /**
     * The longest one {@link #sendAll} of one mail can take: each try may wait for the connection, an answer and a
     * write, and the retry waits between tries. Null if a timeout is not set (JavaMail then waits for ever).
     */
    public Duration longestSend() {
        Properties settings = sender instanceof JavaMailSenderImpl impl ? impl.getJavaMailProperties()
                : new Properties();
        long tryMillis = 0;
        for (String timeout : new String[] {"connectiontimeout", "timeout", "writetimeout"}) {
            String value = settings.getProperty("mail.smtp." + timeout);
            long millis = value == null ? 0 : Long.parseLong(value.trim());
            if (millis <= 0) {
                return null;
            }
            tryMillis += millis;
        }
        RetryConfig config = retry.getRetryConfig();
        long total = tryMillis * config.getMaxAttempts();
        for (int i = 1; i < config.getMaxAttempts(); i++) {
            Long wait = config.getIntervalBiFunction().apply(i, Either.left(new MailServerUnreachableException(
                    "sizing", null)));
            total += wait == null ? 0 : wait;
        }
        return Duration.ofMillis(total);
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
            throw new MailPreparationException(Messages.get("email.delivery.invalid-content"), e);
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
