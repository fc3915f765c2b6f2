package jp.kyoso.load.scale;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/**
 * An announcement to every member, timed from the administrator's POST until notifications-service has stored its
 * notice in every recipient's inbox, as its progress endpoint reports ({@code GET
 * /api/notifications/announcements/{postId}/progress}, polled through the gateway every {@value #POLL_MILLIS} ms).
 * A POST answered with an error is counted as one, an announcement not in every inbox after {@link #GIVE_UP_NANOS}
 * as a miss. Mail and Slack go on after the inboxes and are not part of the time; what they had done by then is
 * printed beside it.
 */
final class AnnouncementProbe {
    private static final long POLL_MILLIS = 50;
    private static final long GIVE_UP_NANOS = 180_000_000_000L;

    private final Api api;
    private final Community community;

    AnnouncementProbe(Api api, Community community) {
        this.api = api;
        this.community = community;
    }

    Latencies run(String title) {
        Latencies latencies = new Latencies();
        String token = community.admin.tokenLasting(GIVE_UP_NANOS / 1_000_000 + 60_000);
        long due = System.nanoTime();
        HttpResponse<String> posted;
        try {
            posted = api.send(api.post("/api/posts", token, Map.of("channel", "announcements", "kind",
                    "ANNOUNCEMENT", "title", title, "body", "全員へのお知らせです。" + title, "tags", List.of())));
        } catch (Api.ApiException e) {
            latencies.otherError(e.getClass().getSimpleName());
            return latencies;
        }
        if (posted.statusCode() / 100 != 2) {
            if (posted.statusCode() >= 500) {
                latencies.serverError();
            } else {
                latencies.otherError(String.valueOf(posted.statusCode()));
            }
            System.out.printf("[scale] the announcement was refused: %d %s%n", posted.statusCode(), posted.body());
            return latencies;
        }
        String postId = Api.read(posted.body()).path("id").asText();
        String progressPath = "/api/notifications/announcements/" + postId + "/progress";
        JsonNode last = null;
        for (long next = due; System.nanoTime() - due < GIVE_UP_NANOS; ) {
            next += POLL_MILLIS * 1_000_000;
            OpenLoop.waitUntil(next);
            HttpResponse<String> answer;
            try {
                answer = api.send(api.get(progressPath, token));
            } catch (Api.ApiException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                // a dropped connection loses one look at the progress, not the measurement
                System.out.printf("[scale] announcement progress: %s%n", e.getMessage());
                continue;
            }
            if (answer.statusCode() == 404) {
                continue; // the event has not reached notifications-service yet
            }
            if (answer.statusCode() != 200) {
                System.out.printf("[scale] announcement progress answered %d%n", answer.statusCode());
                continue;
            }
            last = Api.read(answer.body());
            long recipients = last.path("recipients").asLong();
            if (recipients > 0 && last.path("inboxStored").asLong() >= recipients) {
                double ms = (System.nanoTime() - due) / 1e6;
                latencies.ok(ms);
                System.out.printf("[scale] announcement in all %,d inboxes %.1f s after its POST (mail by then: %d of "
                        + "%d sent)%n", recipients, ms / 1000, last.path("mail").path("sent").asLong(),
                        last.path("mail").path("planned").asLong());
                return latencies;
            }
        }
        latencies.miss();
        System.out.printf("[scale] the announcement was not in every inbox after %d s: %s%n",
                GIVE_UP_NANOS / 1_000_000_000, last);
        return latencies;
    }
}
