package jp.kyoso.notifications.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import jp.kyoso.notifications.preference.PreferenceStore;
import jp.kyoso.notifications.support.FakeSlack;
import jp.kyoso.notifications.support.NotificationsTestBase;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Slack webhook URLs are credentials: sealed wherever they are stored (settings, channel mirrors, queued messages),
 * shown masked only, sealed at start when an earlier version left them in clear, and never used when a value in the
 * database did not come sealed from the service.
 */
class WebhookSecretsAtRestTest extends NotificationsTestBase {
    @Autowired
    WebhookResealing resealing;
    @Autowired
    PreferenceStore preferences;
    @Autowired
    ChannelMirrorStore mirrors;

    @Test
    void aMembersWebhookIsStoredSealedShownMaskedAndStillUsed() {
        TestMember author = member("封印 確認");
        TestMember replier = member("封印 返信");
        String path = unique("sealed-member");
        String url = FakeSlack.get().url(path);
        assertThat(send("PUT", author, "/api/notifications/preferences",
                Map.of("email", "OFF", "slackWebhookUrl", url)).getStatusCode().value()).isEqualTo(200);

        Document stored = mongo.findById(author.id(), Document.class, "preferences");
        assertSealed(stored.getString("slackWebhookUrl"), path);
        String shown = json(get(author, "/api/notifications/preferences")).get("slackWebhookUrl").asString();
        assertThat(shown).isEqualTo(WebhookUrls.mask(url)).endsWith(path.substring(path.length() - 4))
                .doesNotContain(path);

        // the settings page saves what it was shown: the masked form keeps the saved URL
        assertThat(send("PUT", author, "/api/notifications/preferences",
                Map.of("email", "OFF", "slackWebhookUrl", shown)).getStatusCode().value()).isEqualTo(200);
        assertThat(preferences.get(author.id()).slackWebhookUrl()).isEqualTo(url);
        // ... and so does its test button
        assertThat(send("POST", author, "/api/notifications/preferences/slack-test",
                Map.of("slackWebhookUrl", shown)).getStatusCode().value()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> FakeSlack.get().accepted(path).size() == 1);

        // a notice still reaches the webhook, and its queued message kept the URL sealed too
        String postId = unique("p");
        publishPost(postId, "general", "封印された Webhook", author);
        publishReply(postId, "封印された Webhook", author, replier);
        await().atMost(Duration.ofSeconds(20)).until(() -> FakeSlack.get().accepted(path).size() == 2);
        List<Document> deliveries = mongo.find(Query.query(Criteria.where("memberId").is(author.id())
                .and("channel").is("SLACK")), Document.class, "deliveries");
        assertThat(deliveries).isNotEmpty();
        deliveries.forEach(d -> assertSealed(d.getString("webhookUrl"), path));
        assertThat(deliveries).allMatch(d -> WebhookUrls.mask(url).equals(d.getString("recipient")));
    }

    @Test
    void aChannelMirrorsWebhookIsStoredSealedAndListedMasked() {
        TestMember moderator = member("封印 管理", "MODERATOR");
        String channel = unique("sealed");
        String path = unique("sealed-mirror");
        String url = FakeSlack.get().url(path);
        var put = send("PUT", moderator, "/api/notifications/channel-mirrors/" + channel,
                Map.of("slackWebhookUrl", url));
        assertThat(put.getStatusCode().value()).isEqualTo(200);
        assertThat(json(put).get("slackWebhookUrl").asString()).isEqualTo(WebhookUrls.mask(url));
        assertSealed(mongo.findById(channel, Document.class, ChannelMirrorStore.COLLECTION).getString("webhookUrl"),
                path);
        assertThat(json(get(moderator, "/api/notifications/channel-mirrors")).valueStream()
                .filter(m -> channel.equals(m.get("channel").asString())).findFirst().orElseThrow()
                .get("slackWebhookUrl").asString()).isEqualTo(WebhookUrls.mask(url));
        assertThat(mirrors.webhookOf(channel)).isEqualTo(url);
        send("DELETE", moderator, "/api/notifications/channel-mirrors/" + channel, null);
    }

    @Test
    void urlsLeftInClearByAnEarlierVersionAreSealedAtStartAndAPlainValueIsNeverUsed() {
        TestMember member = member("移行 確認");
        String path = unique("legacy");
        String url = FakeSlack.get().url(path);
        String channel = unique("legacy");
        // what an earlier version stored
        mongo.getCollection("preferences").insertOne(new Document("_id", member.id()).append("email", "OFF")
                .append("slackWebhookUrl", url));
        mongo.getCollection(ChannelMirrorStore.COLLECTION).insertOne(new Document("_id", channel)
                .append("webhookUrl", url));
        // not sealed by the service: not used (this is also what a value written by someone without the KEK gets)
        assertThat(preferences.get(member.id()).slackWebhookUrl()).isNull();
        assertThat(mirrors.webhookOf(channel)).isNull();

        assertThat(resealing.run()).as("the re-seal job of a start").isGreaterThanOrEqualTo(2);
        assertThat(resealing.run()).as("nothing left in clear").isZero();
        assertSealed(mongo.findById(member.id(), Document.class, "preferences").getString("slackWebhookUrl"), path);
        assertSealed(mongo.findById(channel, Document.class, ChannelMirrorStore.COLLECTION).getString("webhookUrl"),
                path);
        assertThat(preferences.get(member.id()).slackWebhookUrl()).isEqualTo(url);
        assertThat(mirrors.webhookOf(channel)).isEqualTo(url);
        mirrors.remove(channel);
    }

    private static void assertSealed(String stored, String path) {
        assertThat(stored).startsWith("kyoso-sealed:v1:").doesNotContain(path).doesNotContain("http");
    }
}
