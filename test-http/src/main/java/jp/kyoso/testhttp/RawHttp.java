package jp.kyoso.testhttp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 client over a plain socket, for the requests that well-behaved clients refuse to send (a path with a
 * broken percent-escape, a 20 KB request line, a 40 KB header) but that a service must still answer properly.
 */
public final class RawHttp {
    public record Answer(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {
    }

    public static Answer send(int port, String method, String target, Map<String, String> headers) throws IOException {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n").append("Connection: close\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return read(socket.getInputStream());
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int headEnd = -1;
        Map<String, String> headers = new LinkedHashMap<>();
        int status = 0;
        int contentLength = -1;
        while (true) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            all.write(buffer, 0, n);
            byte[] bytes = all.toByteArray();
            if (headEnd < 0) {
                String text = new String(bytes, StandardCharsets.ISO_8859_1);
                int end = text.indexOf("\r\n\r\n");
                if (end < 0) {
                    continue;
                }
                headEnd = end + 4;
                String[] lines = text.substring(0, end).split("\r\n");
                status = Integer.parseInt(lines[0].split(" ")[1]);
                for (int i = 1; i < lines.length; i++) {
                    int colon = lines[i].indexOf(':');
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim());
                }
                contentLength = headers.containsKey("content-length")
                        ? Integer.parseInt(headers.get("content-length")) : -1;
            }
            if (contentLength >= 0 && bytes.length - headEnd >= contentLength) {
                break;
            }
        }
        byte[] bytes = all.toByteArray();
        int bodyLength = contentLength >= 0 ? contentLength : bytes.length - Math.max(headEnd, 0);
        String body = headEnd < 0 ? "" : new String(bytes, headEnd, bodyLength, StandardCharsets.UTF_8);
        return new Answer(status, headers, body);
    }
}
