package jp.kyoso.load.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The recipient's live stream as the web client holds it: reconnects after a cut (a service or the gateway killed)
 * with {@code Last-Event-ID}, so that what was sent meanwhile is replayed, and hands each notice to the ledger.
 */
final class LiveStream implements Runnable {
    private final URI url;
    private final String token;
    private final Ledger ledger;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final ObjectMapper json = new ObjectMapper();
    final AtomicInteger reconnects = new AtomicInteger();
    private volatile boolean stopped;
    private volatile String lastEventId;

    LiveStream(URI url, String token, Ledger ledger) {
        this.url = url;
        this.token = token;
        this.ledger = ledger;
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        while (!stopped) {
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(url).header("Accept", "text/event-stream")
                        .header("Authorization", "Bearer " + token).GET();
                if (lastEventId != null) {
                    request.header("Last-Event-ID", lastEventId);
                }
                HttpResponse<java.io.InputStream> response = http.send(request.build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() == 200) {
                    read(response);
                } else {
                    response.body().close();
                }
            } catch (java.io.IOException cut) {
                // the service or the gateway went away: reconnect, as the browser's EventSource does
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!stopped) {
                reconnects.incrementAndGet();
                ChaosRun.pause(Duration.ofMillis(500));
            }
        }
    }

    private void read(HttpResponse<java.io.InputStream> response) throws java.io.IOException {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null && !stopped; line = lines.readLine()) {
                if (line.startsWith("id:")) {
                    lastEventId = line.substring(3).trim();
                } else if (line.startsWith("data:")) {
                    JsonNode notice = json.readTree(line.substring(5));
                    String replyId = notice.path("replyId").asText("");
                    if (!replyId.isEmpty()) {
                        ledger.streamed(replyId);
                    }
                }
            }
        }
    }
}
