package jp.kyoso.load.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The faults of the chaos run, done to the running platform the way an operator would see them happen: {@code kill -9}
 * of a process found in the launcher's run state, {@code ./kyoso stop|start} for the SMTP capture and the
 * MongoDB-wire server (both live inside the launcher), and the Slack capture's fault switch.
 */
final class Faults {
    record Done(String what, long atNanos) {
    }

    private final Path root;
    private final Path stateFile;
    private final URI slack;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Done> done = new ArrayList<>();

    Faults(Path root, Path dataDir, URI slack) {
        this.root = root;
        this.stateFile = dataDir.resolve("run").resolve("state.json");
        this.slack = slack;
    }

    List<Done> done() {
        return done;
    }

    void kill(String name) {
        long pid = pidOf(name);
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        note("kill -9 " + name + " (pid " + pid + ")");
    }

    void kyoso(String verb, String name) {
        try {
            Process cli = new ProcessBuilder(root.resolve("kyoso").toString(), verb, name).directory(root.toFile())
                    .redirectErrorStream(true).start();
            String output = new String(cli.getInputStream().readAllBytes()).trim();
            if (cli.waitFor() != 0) {
                throw new IllegalStateException("./kyoso " + verb + " " + name + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run ./kyoso: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        note("./kyoso " + verb + " " + name);
    }

    void slackFails(int status, Duration duration) {
        send(HttpRequest.newBuilder(slack.resolve("/api/faults?status=" + status + "&seconds=" + duration.toSeconds()))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        note("Slack answers " + status + " for " + duration.toSeconds() + " s");
    }

    private void note(String what) {
        done.add(new Done(what, System.nanoTime()));
        System.out.println("[chaos] " + what);
    }

    private long pidOf(String name) {
        try {
            JsonNode state = new ObjectMapper().readTree(Files.readString(stateFile));
            for (JsonNode process : state.path("processes")) {
                if (name.equals(process.path("name").asText())) {
                    return process.path("pid").asLong();
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + stateFile + ": " + e, e);
        }
        throw new IllegalStateException(name + " is not in " + stateFile);
    }

    private void send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
