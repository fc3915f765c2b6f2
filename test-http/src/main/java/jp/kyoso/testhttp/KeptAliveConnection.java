package jp.kyoso.testhttp;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 connection kept open over several requests, written exactly when a test says: as a browser reuses a
 * connection, and sends the next request while the last answer is still being finished. {@link #nextAnswer()} throws
 * {@link SocketTimeoutException} when a server leaves a request unanswered.
 */
public final class KeptAliveConnection implements Closeable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final int port;
    private byte[] unread = new byte[0];

    private KeptAliveConnection(Socket socket, int port) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.port = port;
    }

    public static KeptAliveConnection open(int port, Duration answerTimeout) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) answerTimeout.toMillis());
        return new KeptAliveConnection(socket, port);
    }

    /** A bodyless GET's head, with this connection's Host, to give to {@link #write(String...)}. */
    public String get(String target, Map<String, String> headers) {
        StringBuilder head = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return head.append("\r\n").toString();
    }

    /** The requests, back to back in one write (pipelined when there are several). */
    public void write(String... requests) throws IOException {
        out.write(String.join("", requests).getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** The next whole answer on the connection: its body by Content-Length, chunks, or none. */
    public RawHttp.Answer nextAnswer() throws IOException {
        int headEnd;
        while ((headEnd = indexOf(unread, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1))) < 0) {
            readMore();
        }
        String[] lines = new String(unread, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        unread = Arrays.copyOfRange(unread, headEnd + 4, unread.length);
        byte[] body = "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? chunkedBody()
                : take(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        return new RawHttp.Answer(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private byte[] chunkedBody() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int lineEnd;
            while ((lineEnd = indexOf(unread, "\r\n".getBytes(StandardCharsets.ISO_8859_1))) < 0) {
                readMore();
            }
            String sizeLine = new String(unread, 0, lineEnd, StandardCharsets.ISO_8859_1);
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            unread = Arrays.copyOfRange(unread, lineEnd + 2, unread.length);
            // the chunk and its CRLF; the last, empty chunk is followed by the CRLF that ends the (absent) trailers
            byte[] chunk = take(size + 2);
            body.write(chunk, 0, size);
            if (size == 0) {
                return body.toByteArray();
            }
        }
    }

    private byte[] take(int length) throws IOException {
        while (unread.length < length) {
            readMore();
        }
        byte[] taken = Arrays.copyOf(unread, length);
        unread = Arrays.copyOfRange(unread, length, unread.length);
        return taken;
    }

    private void readMore() throws IOException {
        byte[] buffer = new byte[8192];
        int n = in.read(buffer);
        if (n < 0) {
            throw new IOException("the server closed the connection");
        }
        byte[] grown = Arrays.copyOf(unread, unread.length + n);
        System.arraycopy(buffer, 0, grown, unread.length, n);
        unread = grown;
    }

    private static int indexOf(byte[] bytes, byte[] needle) {
        for (int i = 0; i + needle.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
