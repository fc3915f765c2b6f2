package jp.kyoso.platform.consumer;

/**
 * A record whose CloudEvents {@code source} is not the producer this topic belongs to (or whose topic belongs to
 * nobody): possibly forged by anyone who can reach the broker. Never retried; the binder sends it to the consumer's
 * dead-letter topic like every other {@link InvalidEventException}.
 */
public class UntrustedSourceException extends InvalidEventException {
    public UntrustedSourceException(String message) {
        super(message);
    }
}
