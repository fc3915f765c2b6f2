package jp.kyoso.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The other end of {@link ControlServer}: what {@code ./kyoso stop|start|restart NAME} sends. */
final class ControlClient {

    record Answer(int status, String text) {
        boolean ok() {
            return status == 200;
        }
    }

    private ControlClient() {
    }

    static Answer send(RunState.Snapshot state, String verb, String name) throws IOException, InterruptedException {
        if (state.controlPort() == null || state.controlToken() == null) {
            return new Answer(409, "this launcher has no control endpoint (started by an older version); restart it");
        }
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + state.controlPort() + "/control/" + verb + "/" + name))
                .header(ControlServer.TOKEN_HEADER, state.controlToken())
                // starting waits for the service's readiness, as up does
                .timeout(Duration.ofMinutes(3))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }
}
