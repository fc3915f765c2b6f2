package jp.kyoso.e2e;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** A member's open {@code text/event-stream} of notifications, collecting its {@code data:} lines. */
final class LiveStream implements AutoCloseable {
    final List<String> data = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;

    LiveStream(String url, String accessToken) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + accessToken).header("Accept", "text/event-stream").GET().build();
        response = Http.CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        // read on a thread of its own: thenAccept on a response already there would read the endless stream on the
        // test's thread, which would then never return from this constructor
        response.thenAcceptAsync(r -> r.body().forEach(line -> {
            if (line.startsWith("data:")) {
                data.add(line.substring(5).trim());
            }
        }), task -> {
            Thread reader = new Thread(task, "live-stream-reader");
            reader.setDaemon(true);
            reader.start();
        });
    }

    boolean connected() {
        return response.isDone() && !response.isCompletedExceptionally() && response.join().statusCode() == 200;
    }

    @Override
    public void close() {
        response.cancel(true);
        response.thenAccept(r -> r.body().close());
    }
}
