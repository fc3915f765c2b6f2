package jp.kyoso.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * How {@code ./kyoso status} judges one recorded process: services by their actuator health, infrastructure by
 * whether its port accepts connections.
 */
final class HealthProbe {

    static final String UP = "UP";
    static final String LISTENING = "listening";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    private HealthProbe() {
    }

    static String describe(RunState.Entry entry) {
        if (entry.liveProcess().isEmpty()) {
            return "not running (process gone)";
        }
        if (entry.probe() == RunState.Probe.TCP) {
            return PortProbe.isListening(entry.port()) ? LISTENING : "not listening";
        }
        return actuatorHealth(entry.port());
    }

    static boolean isHealthy(String description) {
        return UP.equals(description) || LISTENING.equals(description);
    }

    private static String actuatorHealth(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(3))
                .GET()
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            String status = statusField(response.body());
            if (response.statusCode() == 200 && UP.equals(status)) {
                return UP;
            }
            return (status != null ? status : "unhealthy") + " (HTTP " + response.statusCode() + ")";
        } catch (IOException e) {
            return "not responding";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "not checked";
        }
    }

    private static String statusField(String body) {
        try {
            JsonNode status = CaptureHttpServer.JSON.readTree(body).get("status");
            return status == null ? null : status.asString();
        } catch (JacksonException e) {
            return null;
        }
    }
}
