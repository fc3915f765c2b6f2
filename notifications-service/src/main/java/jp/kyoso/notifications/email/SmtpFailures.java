package jp.kyoso.notifications.email;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tells what a failed SMTP exchange means for the mail: wait for the server, give up, or try again later. */
final class SmtpFailures {
    private static final Pattern REPLY_CODE = Pattern.compile("^([245])(\\d\\d)\\b");

    enum Kind {
        /** The server was not there or went away: wait for it; not the mail's fault. */
        UNREACHABLE,
        /** The server answered with a permanent refusal (5xx): sending the same mail again cannot succeed. */
        REJECTED,
        /** Anything else (a 4xx answer, a login that failed): try again after the backoff. */
        TEMPORARY
    }

    private SmtpFailures() {
    }

    static Kind classify(Throwable failure) {
        if (isConnectionLevel(failure)) {
            return Kind.UNREACHABLE;
        }
        int code = replyCode(failure);
        if (code == 421) {
            // "service not available, closing transmission channel": the server is going away
            return Kind.UNREACHABLE;
        }
        return code >= 500 ? Kind.REJECTED : Kind.TEMPORARY;
    }

    /** Refused, timed out, reset: an I/O error anywhere in the chain (jakarta.mail nests them as causes). */
    static boolean isConnectionLevel(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /** The SMTP reply code the server answered with (jakarta.mail puts the reply line in the message), or 0. */
    static int replyCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message != null) {
                Matcher matcher = REPLY_CODE.matcher(message.strip());
                if (matcher.find()) {
                    return Integer.parseInt(matcher.group(1) + matcher.group(2));
                }
            }
        }
        return 0;
    }

    /** One line for the delivery log. */
    static String describe(Throwable failure) {
        Throwable deepest = failure;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                deepest = t;
            }
        }
        String message = deepest.getMessage() == null ? deepest.getClass().getSimpleName()
                : deepest.getClass().getSimpleName() + ": " + deepest.getMessage();
        String oneLine = message.replaceAll("\\s+", " ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
