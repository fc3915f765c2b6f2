package jp.kyoso.notifications.email;

import org.springframework.mail.MailSendException;

/**
 * The mail server could not be reached or dropped the connection (refused, timed out, closing): the only failure that
 * the SMTP retry repeats and the circuit breaker counts (see {@code resilience4j} in application.yml). A refusal by
 * a server that answered says nothing about its health and is never repeated at once.
 */
public class MailServerUnreachableException extends MailSendException {
    public MailServerUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
