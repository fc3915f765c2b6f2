package jp.kyoso.notifications.slack;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import jp.kyoso.notifications.Messages;
import jp.kyoso.platform.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends one short test message to a member's webhook while they wait, so that they see at once whether the URL they
 * entered works.
 *
 * <p>This is a direct action of the member, answered in the same request, and not a side effect of an event: it does
 * not go through the outbox nor the delivery queue (nothing to retry, nothing another service must hear of; the member
 * sees the result and can try again). It still takes the webhook's turn in {@link WebhookThrottle}, so that it keeps
 * to Slack's one message per second per webhook together with the queued notices, and a member may send only a few
 * ({@link TestMessageLimit}).
 *
 * <p>The webhook URL is a credential: it is never logged nor put into an answer.
 */
@Component
public class SlackTestMessage {
    static final String TEXT = Messages.get("slack.test.text");
    /** How long the request may wait for the webhook's turn (another message to it went out a moment ago). */
    private static final Duration LONGEST_TURN_WAIT = Duration.ofMillis(1500);

    private static final Logger log = LoggerFactory.getLogger(SlackTestMessage.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SlackClient client;
    private final WebhookThrottle throttle;
    private final TestMessageLimit limit;
    private final SlackTestProperties properties;
    private final Clock clock;

    SlackTestMessage(SlackClient client, WebhookThrottle throttle, TestMessageLimit limit,
                     SlackTestProperties properties, Clock clock) {
        this.client = client;
        this.throttle = throttle;
        this.limit = limit;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Sends the test message to {@code webhookUrl}, which the caller has checked with {@link WebhookUrls#check}.
     * Returns when Slack took it (2xx).
     *
     * @throws TooManyTestMessages (429) when the member has sent too many, or the webhook is busy
     * @throws ApiProblem                           (422) when Slack did not take it, with its answer in the detail
     */
    public void send(String memberId, String webhookUrl) {
        limit.take(memberId);
        awaitTurn(memberId, webhookUrl);
        SlackClient.Response response;
        try {
            response = client.postWithin(webhookUrl, JSON.writeValueAsString(Map.of("text", TEXT)),
                    "slack-test:" + UUID.randomUUID(), properties.timeout());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw failed(memberId, e.getClass().getSimpleName(),
                    Messages.get("slack.test.cannot-connect", e.getClass().getSimpleName()));
        } catch (HttpTimeoutException e) {
            long seconds = properties.timeout().toSeconds();
            throw failed(memberId, "timeout", Messages.get("slack.test.timeout", String.valueOf(seconds)));
        } catch (IOException e) {
            throw failed(memberId, e.getClass().getSimpleName(),
                    Messages.get("slack.test.request-failed", e.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(memberId, "interrupted", Messages.get("slack.test.interrupted"));
        }
        int status = response.status();
        if (status >= 200 && status < 300) {
            log.info("Slack test message of member {} delivered (HTTP {})", memberId, status);
            return;
        }
        if (status == 429) {
            // the queued notices to this webhook wait too
            throttle.pause(webhookUrl, clock.instant().plus(response.retryAfter().orElse(Duration.ofSeconds(1))));
        }
        throw failed(memberId, "HTTP " + status,
                Messages.get("slack.test.http-error", String.valueOf(status), shortAnswer(response.body())));
    }

    /**
     * Takes the webhook's turn, waiting a little for it if another message to it just went out. The turn is kept to
     * the millisecond in the database, so a wait can end a hair before it: ask again until the turn is ours or the
     * longest wait is used up.
     */
    private void awaitTurn(String memberId, String webhookUrl) {
        Instant giveUpAt = clock.instant().plus(LONGEST_TURN_WAIT);
        Duration wait = throttle.waitBeforeSending(webhookUrl, clock.instant());
        while (!wait.isZero()) {
            if (clock.instant().plus(wait).isAfter(giveUpAt)) {
                throw TooManyTestMessages.webhookBusy(wait);
            }
            try {
                Thread.sleep(wait.toMillis() + 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failed(memberId, "interrupted", Messages.get("slack.test.interrupted"));
            }
            wait = throttle.waitBeforeSending(webhookUrl, clock.instant());
        }
    }

    /** Slack's own words (such as {@code no_service}), on one line and short; never the URL, which is not in them. */
    private static String shortAnswer(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String line = body.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        return ": " + (line.length() > 100 ? line.substring(0, 100) + "…" : line);
    }

    private static ApiProblem failed(String memberId, String reason, String detail) {
        log.info("Slack test message of member {} not delivered: {}", memberId, reason);
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, Messages.get("slack.test.failed.title"), detail);
    }
}
