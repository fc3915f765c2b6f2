package jp.kyoso.notifications.slack;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import jp.kyoso.notifications.Messages;
import jp.kyoso.notifications.delivery.Channel;
import jp.kyoso.notifications.delivery.DeliveryHandler;
import jp.kyoso.notifications.delivery.DeliveryStore;
import jp.kyoso.notifications.delivery.Outcome;
import org.bson.Document;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts one queued Slack message.
 *
 * <p>Slack's incoming webhooks have no idempotency key, so exactly-once cannot be had at the HTTP boundary; what this
 * handler guarantees instead:
 * <ul>
 * <li>a delivery is claimed by one worker at a time and never sent again once it is SENT;</li>
 * <li>an answer that says the message was not taken (429, 5xx, no connection) leads to a retry: 429 after its
 * {@code Retry-After}, the others after an exponential backoff; so rate limiting never drops a message;</li>
 * <li>an attempt whose outcome is unknown (the request left but no answer came in time, or the instance stopped during
 * the request, which the {@code inFlightSince} mark reveals) is tried again, with the same {@code Idempotency-Key}:
 * at least once, because nothing may be dropped. Slack may then show the message twice in this rare case; see
 * README.md. {@code kyoso.slack.retry-ambiguous=false} chooses at most once instead (the delivery becomes FAILED with
 * an explanation in the log).</li>
 * </ul>
 */
@Component
class SlackHandler implements DeliveryHandler {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration AFTER_EARLIER = Duration.ofMillis(50);
    private static final Duration IN_FLIGHT_WAIT = Duration.ofMillis(250);

    private final SlackClient client;
    private final WebhookThrottle throttle;
    private final DeliveryStore deliveries;
    private final SlackProperties properties;
    private final Clock clock;
    private final WebhookSecrets webhooks;

    SlackHandler(SlackClient client, WebhookThrottle throttle, DeliveryStore deliveries, SlackProperties properties,
                 Clock clock, WebhookSecrets webhooks) {
        this.client = client;
        this.throttle = throttle;
        this.deliveries = deliveries;
        this.properties = properties;
        this.clock = clock;
        this.webhooks = webhooks;
    }

    @Override
    public Channel channel() {
        return Channel.SLACK;
    }

    /** One request, never retried within the attempt: the connection, then the answer. */
    @Override
    public Duration longestAttempt() {
        return properties.connectTimeout().plus(properties.requestTimeout());
    }

    /**
     * Slack shows messages in the order they arrive, so a message must not overtake an earlier one to the same webhook
     * that waits for its turn (a 429's Retry-After, a backoff): it waits until just after the earlier one's next try.
     * Deliveries queued before this rule (no {@code order}) keep no line.
     */
    private Duration waitBehindEarlier(Document delivery, Instant now) {
        String webhook = delivery.getString("webhookKey");
        Long order = delivery.getLong(DeliveryStore.ORDER);
        if (webhook == null || order == null) {
            return null;
        }
        String earlier = deliveries.earlierInLine(Channel.SLACK, "webhookKey", webhook, order,
                delivery.getString("_id"));
        if (earlier == null) {
            return null;
        }
        Instant due = deliveries.dueAt(earlier);
        // not queued: another worker is sending it right now (or the sweeper will queue it again)
        Duration wait = due == null ? IN_FLIGHT_WAIT : Duration.between(now, due).plus(AFTER_EARLIER);
        return wait.compareTo(AFTER_EARLIER) < 0 ? AFTER_EARLIER : wait;
    }

    @Override
    public Outcome attempt(Document delivery) {
        String sealed = delivery.getString("webhookUrl");
        String text = delivery.getString("text");
        if (sealed == null || text == null) {
            return Outcome.failedWithoutAttempt(Messages.get("slack.delivery.webhook-removed"));
        }
        String url = webhooks.open(sealed);
        if (url == null) {
            return Outcome.failedWithoutAttempt(Messages.get("slack.delivery.webhook-sealed"));
        }
        if (delivery.getDate("inFlightSince") != null && !properties.retryAmbiguous()) {
            return Outcome.failedWithoutAttempt(Messages.get("slack.delivery.outcome-unknown"));
        }
        Instant now = clock.instant();
        Duration behind = waitBehindEarlier(delivery, now);
        if (behind != null) {
            return Outcome.deferred(behind);
        }
        Duration wait = throttle.waitBeforeSending(url, now);
        if (!wait.isZero()) {
            return Outcome.deferred(wait);
        }
        String id = delivery.getString("_id");
        deliveries.inFlight(id);
        SlackClient.Response response;
        try {
            response = client.post(url, JSON.writeValueAsString(java.util.Map.of("text", text)),
                    delivery.getString("idempotencyKey"));
        } catch (HttpConnectTimeoutException | ConnectException e) {
            return Outcome.retry(Messages.get("slack.delivery.cannot-connect", e.getClass().getSimpleName()));
        } catch (IOException e) {
            String error = Messages.get("slack.delivery.no-answer", e.getClass().getSimpleName());
            return properties.retryAmbiguous() ? Outcome.retry(error)
                    : Outcome.failed(Messages.get("slack.delivery.not-sent-again", error));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.retry(Messages.get("slack.delivery.interrupted"));
        }
        int status = response.status();
        if (status >= 200 && status < 300) {
            return Outcome.sent(new Document("recipient", WebhookUrls.mask(url)));
        }
        if (status == 429) {
            Duration retryAfter = response.retryAfter().orElse(Duration.ofSeconds(1));
            throttle.pause(url, clock.instant().plus(retryAfter));
            return Outcome.later(Messages.get("slack.delivery.rate-limited", String.valueOf(retryAfter.toSeconds())),
                    retryAfter);
        }
        if (status >= 500) {
            return Outcome.retry(Messages.get("slack.delivery.server-error", String.valueOf(status)));
        }
        return Outcome.failed(Messages.get("slack.delivery.refused", String.valueOf(status), response.body()));
    }
}
