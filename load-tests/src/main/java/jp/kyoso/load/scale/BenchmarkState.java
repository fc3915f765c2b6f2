package jp.kyoso.load.scale;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
    /**
     * The members' access tokens and when they were taken, by email: a run within their lifetime signs nobody in
     * again. 200 sign-ins at each run's start cost the platform tens of CPU seconds of password hashing (Argon2id),
     * which the write probes that followed paid for.
     */
    final Map<String, Member.Token> tokens = new java.util.concurrent.ConcurrentHashMap<>();

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
        json.path("tokens").properties().forEach(entry -> state.tokens.put(entry.getKey(),
                new Member.Token(entry.getValue().path("token").asText(), entry.getValue().path("takenAt").asLong())));
        return state;
    }

    synchronized void save(Path file) {
        ObjectNode json = Api.JSON.createObjectNode().put("adminId", adminId).put("members", members)
                .put("channels", channels).put("written", written).put("bigThreadId", bigThreadId);
        recentThreads.forEach(json.putArray("recentThreads")::add);
        ObjectNode saved = json.putObject("tokens");
        tokens.forEach((email, token) -> saved.putObject(email).put("token", token.value()).put("takenAt",
                token.takenAt()));
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
