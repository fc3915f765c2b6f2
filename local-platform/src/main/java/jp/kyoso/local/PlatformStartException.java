package jp.kyoso.local;

/**
 * The platform could not start; the message says what and why, in words a developer can act on.
 */
public class PlatformStartException extends RuntimeException {

    public PlatformStartException(String message) {
        super(message);
    }

    public PlatformStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
