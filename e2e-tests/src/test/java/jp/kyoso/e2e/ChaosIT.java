package jp.kyoso.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import jp.kyoso.local.LocalPlatform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The short chaos case: during a burst of replies, notifications-service is killed with -9 (the launcher's supervisor
 * starts it again) and the Kafka broker is restarted. The replier retries as the web client does, with one
 * Idempotency-Key per reply. Afterwards every reply exists once and the thread's author has exactly one notice for
 * each: nothing lost, nothing doubled.
 */
@ExtendWith(RunningPlatform.class)
class ChaosIT {
    private static final int REPLIES = 30;
    private static final int KILL_AFTER = 5;
    private static final int RESTART_BROKER_AFTER = 15;

    @Test
    void killingNotificationsAndRestartingTheBrokerMidBurstLosesAndDoublesNothing() throws Exception {
        LocalPlatform platform = RunningPlatform.platform();
        Member author = Member.join("chaos.author@town.kumejima.lg.jp", "chaos_author", "久米 嵐子", "久米島町", null);
        Member replier = Member.join("chaos.replier@city.miyakonojo.lg.jp", "chaos_replier", "都城 凪", "都城市", null);
        Http.Response thread = author.post("/api/posts", Map.of("channel", "general", "kind", "QUESTION",
                "title", "障害が起きても通知は届きますか", "body", "返信が失われず、二重にもならないことを確かめます。",
                "tags", List.of("検証")));
        assertThat(thread.status()).as(thread.body()).isEqualTo(201);
        String threadId = thread.json().get("id").asString();

        Map<String, String> replyIdByKey = new LinkedHashMap<>();
        ExecutorService faults = Executors.newSingleThreadExecutor();
        List<CompletableFuture<Void>> injected = new ArrayList<>();
        try {
            for (int i = 0; i < REPLIES; i++) {
                if (i == KILL_AFTER) {
                    long pid = platform.service("notifications-service").pid().orElseThrow();
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
                if (i == RESTART_BROKER_AFTER) {
                    injected.add(CompletableFuture.runAsync(platform::restartKafka, faults));
                }
                String key = UUID.randomUUID().toString();
                replyIdByKey.put(key, replyWithRetries(replier, threadId, key, "障害の最中の返信 " + i));
            }
            injected.forEach(CompletableFuture::join);
        } finally {
            faults.shutdownNow();
        }

        assertThat(replyIdByKey.values()).doesNotHaveDuplicates().hasSize(REPLIES);
        await("notifications-service restarted by the supervisor").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> platform.service("notifications-service").isAlive()
                        && Http.get(platform.service("notifications-service").baseUrl() + "/actuator/health/readiness",
                        null).status() == 200);
        await("a notice for every reply").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions().until(() -> noticesPerReply(author, replyIdByKey.values()).size() == REPLIES);
        // redeliveries after the crash and the broker's restart must not add a second notice
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> noticesPerReply(author, replyIdByKey.values()).values().stream().allMatch(n -> n == 1));
        Http.Response replies = replier.get("/api/posts/" + threadId + "/replies?limit=100");
        assertThat(replies.status()).as(replies.body()).isEqualTo(200);
        assertThat(replies.json().get("items").size()).as("replies stored once each").isEqualTo(REPLIES);
    }

    /** As the web client sends a reply: the same key on every try, until an answer that is not a server error. */
    private static String replyWithRetries(Member replier, String threadId, String key, String body) {
        String[] id = new String[1];
        await("reply " + key).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    Http.Response answer;
                    try {
                        answer = Http.send("POST", Member.gateway() + "/api/posts/" + threadId + "/replies",
                                replier.accessToken, Map.of("body", body), Map.of("Idempotency-Key", key));
                    } catch (IllegalStateException connectionFailed) {
                        return false;
                    }
                    if (answer.status() == 201) {
                        id[0] = answer.json().get("id").asString();
                        return true;
                    }
                    if (answer.status() < 500) {
                        throw new AssertionError("reply refused with " + answer.status() + ": " + answer.body());
                    }
                    return false;
                });
        return id[0];
    }

    private static Map<String, Integer> noticesPerReply(Member author, java.util.Collection<String> replyIds) {
        Map<String, Integer> counts = new HashMap<>();
        for (JsonNode notice : author.notifications()) {
            String replyId = notice.path("replyId").asString("");
            if (replyIds.contains(replyId)) {
                counts.merge(replyId, 1, Integer::sum);
            }
        }
        return counts;
    }
}
