package jp.kyoso.notifications.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** A member's open {@code text/event-stream}, collecting its lines with the time each arrived. */
public final class SseClient implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    public record Line(String text, long nanos) {
    }

    public final List<Line> lines = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;

    public SseClient(String url, String accessToken, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + accessToken).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        response = CLIENT.sendAsync(request.GET().build(), HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(r -> r.body().forEach(line -> lines.add(new Line(line, System.nanoTime()))));
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
        response.cancel(true);
        response.thenAccept(r -> r.body().close());
    }
}
