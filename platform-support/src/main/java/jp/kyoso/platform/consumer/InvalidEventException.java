package jp.kyoso.platform.consumer;

/** A record that can never be processed, however often it is retried: it belongs in the dead-letter topic. */
public class InvalidEventException extends RuntimeException {
    public InvalidEventException(String message) {
        super(message);
    }
}
