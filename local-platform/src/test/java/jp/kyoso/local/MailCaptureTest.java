package jp.kyoso.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import tools.jackson.databind.JsonNode;

class MailCaptureTest {

    private MailCapture mail;
    private int smtpPort;
    private String api;

    @BeforeEach
    void start() throws Exception {
        Ports ports = Ports.randomFree();
        smtpPort = ports.smtp();
        mail = new MailCapture(smtpPort, ports.mailApi());
        mail.start();
        api = "http://localhost:" + ports.mailApi() + "/api/messages";
    }

    @AfterEach
    void stop() {
        mail.stop();
    }

    @Test
    void aStoppedSmtpPortRefusesMailKeepsWhatItHasAndTakesMailAgainOnceStarted() throws Exception {
        send("before@example.lg.jp", "止まる前", "届いています", false);
        await().atMost(Duration.ofSeconds(10)).until(() -> TestHttp.getJson(api + "?to=before@example.lg.jp").size() == 1);

        mail.stopSmtp();

        assertThat(PortProbe.isFree(smtpPort)).as("nothing listens on the SMTP port").isTrue();
        assertThat(TestHttp.getJson(api + "?to=before@example.lg.jp").size()).isEqualTo(1);

        mail.startSmtp();
        send("after@example.lg.jp", "再開後", "また届きます", false);

        await().atMost(Duration.ofSeconds(10)).until(() -> TestHttp.getJson(api + "?to=after@example.lg.jp").size() == 1);
        assertThat(TestHttp.getJson(api).size()).isEqualTo(2);
    }

    @Test
    void returnsAJapaneseMultipartMailReadablyPerRecipientNewestFirst() throws Exception {
        send("taro@example.lg.jp", "【共創】メールアドレスの確認", "山田さん、共創へようこそ。\n次のリンクで確認してください。", true);
        send("taro@example.lg.jp", "二通目", "二通目の本文", false);
        send("hanako@example.lg.jp", "別の人へ", "花子さんへ", false);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> TestHttp.getJson(api + "?to=taro@example.lg.jp").size() == 2);
        JsonNode taro = TestHttp.getJson(api + "?to=TARO@example.lg.jp");

        assertThat(taro.size()).isEqualTo(2);
        JsonNode newest = taro.get(0);
        JsonNode first = taro.get(1);
        assertThat(newest.get("subject").asString()).isEqualTo("二通目");
        assertThat(first.get("to").asString()).isEqualTo("taro@example.lg.jp");
        assertThat(first.get("from").asString()).isEqualTo("共創 事務局 <noreply@kyoso.example>");
        assertThat(first.get("subject").asString()).isEqualTo("【共創】メールアドレスの確認");
        // the text/plain part, not the HTML alternative
        assertThat(first.get("text").asString()).isEqualTo("山田さん、共創へようこそ。\n次のリンクで確認してください。");
        assertThat(first.get("receivedAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*(Z|[+-]\\d\\d:\\d\\d)");
        assertThat(TestHttp.getJson(api).size()).isEqualTo(3);
        assertThat(TestHttp.getJson(api + "?to=nobody@example.lg.jp").size()).isZero();
    }

    @Test
    void keepsOnlyTheNewestMailsUpToItsLimit() throws Exception {
        mail.stop();
        Ports ports = Ports.randomFree();
        smtpPort = ports.smtp();
        mail = new MailCapture(smtpPort, ports.mailApi(), 3);
        mail.start();
        api = "http://localhost:" + ports.mailApi() + "/api/messages";
        for (int i = 1; i <= 5; i++) {
            send("member" + (i % 2) + "@example.lg.jp", "通知 " + i, "本文 " + i, false);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> TestHttp.getJson(api).size() >= 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> TestHttp.getJson(api).size() == 3);

        JsonNode kept = TestHttp.getJson(api);
        assertThat(kept).extracting(m -> m.get("subject").asString()).containsExactly("通知 5", "通知 4", "通知 3");
        assertThat(mail.prune()).isZero();
    }

    @Test
    void forgetsTheRecipientsWhoseMailsWereAllRemoved() throws Exception {
        mail.stop();
        Ports ports = Ports.randomFree();
        smtpPort = ports.smtp();
        mail = new MailCapture(smtpPort, ports.mailApi(), 2);
        mail.start();
        api = "http://localhost:" + ports.mailApi() + "/api/messages";
        for (int i = 1; i <= 4; i++) {
            send("reader" + i + "@example.lg.jp", "お知らせ " + i, "本文 " + i, false);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> TestHttp.getJson(api).size() == 2);
        // an inbox goes at the second pass that finds it empty (the scheduled pass may have been the first)
        mail.prune();
        mail.prune();
        assertThat(mail.recipientCount()).isEqualTo(2);

        assertThat(TestHttp.getJson(api)).extracting(m -> m.get("to").asString())
                .containsExactly("reader4@example.lg.jp", "reader3@example.lg.jp");
        assertThat(TestHttp.getJson(api + "?to=reader1@example.lg.jp")).isEmpty();
        // a recipient forgotten gets a mailbox again with their next mail
        send("reader1@example.lg.jp", "お知らせ 5", "本文 5", false);
        await().atMost(Duration.ofSeconds(10)).until(() -> TestHttp.getJson(api + "?to=reader1@example.lg.jp")
                .size() == 1);
    }

    @Test
    void keepsANewRecipientsEmptyInboxUntilTheirMailIsStored() throws Exception {
        // GreenMail's first delivery to an address: the user and an empty inbox first, the mail a moment later
        GreenMailUser newcomer = mail.running().getUserManager().createUser("newcomer@example.lg.jp",
                "newcomer@example.lg.jp", "");
        MailFolder inbox = mail.running().getManagers().getImapHostManager().getInbox(newcomer);
        mail.prune();
        inbox.store(mime("newcomer@example.lg.jp", "確認メール", "token=abc"));

        assertThat(TestHttp.getJson(api + "?to=newcomer@example.lg.jp"))
                .extracting(m -> m.get("subject").asString()).containsExactly("確認メール");
        mail.prune();
        assertThat(mail.recipientCount()).isEqualTo(1);
    }

    @Test
    void deleteClearsTheCapturedMail() throws Exception {
        send("taro@example.lg.jp", "件名", "本文", false);
        await().atMost(Duration.ofSeconds(10)).until(() -> TestHttp.getJson(api).size() == 1);

        assertThat(TestHttp.delete(api).statusCode()).isEqualTo(204);

        assertThat(TestHttp.getJson(api).size()).isZero();
    }

    private void send(String to, String subject, String text, boolean withHtmlAlternative) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "localhost");
        properties.put("mail.smtp.port", Integer.toString(smtpPort));
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        address(message, to, subject);
        if (withHtmlAlternative) {
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(text, StandardCharsets.UTF_8.name());
            MimeBodyPart html = new MimeBodyPart();
            html.setText("<p>" + text.replace("\n", "<br>") + "</p>", StandardCharsets.UTF_8.name(), "html");
            message.setContent(new MimeMultipart("alternative", plain, html));
        } else {
            message.setText(text, StandardCharsets.UTF_8.name());
        }
        Transport.send(message);
    }

    private static MimeMessage mime(String to, String subject, String text) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        address(message, to, subject);
        message.setText(text, StandardCharsets.UTF_8.name());
        return message;
    }

    private static void address(MimeMessage message, String to, String subject) throws Exception {
        message.setFrom(new InternetAddress("noreply@kyoso.example", "共創 事務局", StandardCharsets.UTF_8.name()));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject, StandardCharsets.UTF_8.name());
    }
}
