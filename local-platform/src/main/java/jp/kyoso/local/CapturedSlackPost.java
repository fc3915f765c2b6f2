package jp.kyoso.local;

import tools.jackson.databind.JsonNode;

/**
 * One accepted POST to a captured Slack webhook.
 *
 * @param webhook    the path after {@code /hooks/}
 * @param body       the posted JSON
 * @param receivedAt ISO-8601 with offset
 */
public record CapturedSlackPost(String webhook, JsonNode body, String receivedAt) {
}
