package jp.kyoso.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;

/**
 * The human-readable text of a MIME message: its text/plain part, or failing that its HTML with the tags removed.
 */
final class MimeText {

    private MimeText() {
    }

    static String of(Part message) throws MessagingException, IOException {
        String plain = find(message, "text/plain");
        if (plain != null) {
            return plain;
        }
        String html = find(message, "text/html");
        return html == null ? "" : stripTags(html);
    }

    private static String find(Part part, String mimeType) throws MessagingException, IOException {
        if (part.isMimeType(mimeType) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return asString(part.getContent());
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String text = find(child, mimeType);
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }

    /** getContent() decodes with the part's charset; a stream means no handler knew the type, so assume UTF-8. */
    private static String asString(Object content) throws IOException {
        if (content instanceof String text) {
            return text;
        }
        if (content instanceof InputStream stream) {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return String.valueOf(content);
    }

    private static String stripTags(String html) {
        return html.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", "")
                .replaceAll("(?i)<br\\s*/?>|</p>|</div>|</li>", "\n")
                .replaceAll("<[^>]+>", "")
                .replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
                .replaceAll("[ \\t]+\\n", "\n")
                .strip();
    }
}
