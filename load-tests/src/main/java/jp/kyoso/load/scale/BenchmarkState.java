package jp.kyoso.load.scale;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What this benchmark has already written to a platform, so that a later run grows the same community instead of
 * starting again: seeding 300,000 posts takes a while, and a platform's data directory outlives the run.
 * Tied to the platform by its administrator's id: a fresh platform means a fresh state.
 */
final class BenchmarkState {
    String adminId = "";
    int members;
    int channels;
    long written;
    String bigThreadId = "";
    final List<String> recentThreads = new ArrayList<>();

    static BenchmarkState load(Path file, String adminId) {
        BenchmarkState state = new BenchmarkState();
        state.adminId = adminId;
        if (!Files.exists(file)) {
            return state;
        }
        ObjectNode json = (ObjectNode) Api.read(read(file));
        if (!adminId.equals(json.path("adminId").asText())) {
            System.out.println("[scale] the saved state belongs to another platform: starting a new community");
            return state;
        }
        state.members = json.path("members").asInt();
        state.channels = json.path("channels").asInt();
        state.written = json.path("written").asLong();
        state.bigThreadId = json.path("bigThreadId").asText("");
        json.path("recentThreads").forEach(id -> state.recentThreads.add(id.asText()));
        return state;
    }

    synchronized void save(Path file) {
        ObjectNode json = Api.JSON.createObjectNode().put("adminId", adminId).put("members", members)
                .put("channels", channels).put("written", written).put("bigThreadId", bigThreadId);
        recentThreads.forEach(json.putArray("recentThreads")::add);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, json.toPrettyString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
