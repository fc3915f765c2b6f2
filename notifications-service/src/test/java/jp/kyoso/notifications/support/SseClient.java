package jp.kyoso.notifications.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A member's open {@code text/event-stream}, collecting its lines with the time each arrived. {@link #close} closes
 * the response body, which aborts the exchange: the server sees the connection go at its next write.
 */
public final class SseClient implements AutoCloseable {
    // HTTP/1.1 as a browser's EventSource uses it against the service, without java.net.http's h2c upgrade attempt
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public record Line(String text, long nanos) {
    }

    public final List<Line> lines = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<InputStream>> response;
    private volatile InputStream body;
    private volatile boolean closed;
    private volatile boolean ended;

    public SseClient(String url, String accessToken, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + accessToken).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        response = CLIENT.sendAsync(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        response.thenAccept(r -> {
            body = r.body();
            if (closed) {
                closeQuietly(body);
                return;
            }
            Thread reader = new Thread(() -> read(r.body()), "sse-client");
            reader.setDaemon(true);
            reader.start();
        });
    }

    private void read(InputStream in) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(new Line(line, System.nanoTime()));
            }
        } catch (IOException e) {
            // closed
        } finally {
            ended = true;
        }
    }

    /** Whether the server has ended the stream (or it was closed here). */
    public boolean ended() {
        return ended;
    }

    /** The data of the events with the given name ({@code event:<name>} followed by {@code data:...}). */
    public List<String> events(String name) {
        List<String> found = new java.util.ArrayList<>();
        boolean named = false;
        for (Line line : lines) {
            if (line.text().equals("event:" + name)) {
                named = true;
            } else if (named && line.text().startsWith("data:")) {
                found.add(line.text().substring(5).trim());
                named = false;
            } else if (line.text().isEmpty()) {
                named = false;
            }
        }
        return found;
    }

    public boolean connected() {
        return response.isDone() && !response.isCompletedExceptionally() && response.join().statusCode() == 200;
    }

    public int status() {
        return response.join().statusCode();
    }

    public List<String> data() {
        return lines.stream().map(Line::text).filter(l -> l.startsWith("data:")).map(l -> l.substring(5).trim())
                .toList();
    }

    /** When the first data line containing the text arrived (System.nanoTime), or -1. */
    public long arrival(String text) {
        return lines.stream().filter(l -> l.text().startsWith("data:") && l.text().contains(text))
                .mapToLong(Line::nanos).findFirst().orElse(-1);
    }

    @Override
    public void close() {
        closed = true;
        response.cancel(true);
        InputStream in = body;
        if (in != null) {
            closeQuietly(in);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // already gone
        }
    }
}
