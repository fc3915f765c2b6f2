package jp.kyoso.local;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.MimeMessage;

/**
 * An SMTP server that accepts mail for any recipient and keeps it in memory (GreenMail), plus an HTTP API to read it:
 * {@code GET /api/messages[?to=ADDRESS]} newest first, {@code DELETE /api/messages} to clear.
 */
public final class MailCapture {

    private final int smtpPort;
    private final CaptureHttpServer api;
    private GreenMail greenMail;

    MailCapture(int smtpPort, int apiPort) {
        this.smtpPort = smtpPort;
        this.api = new CaptureHttpServer("mail-api", apiPort).route("/api/messages", this::handle);
    }

    synchronized void start() throws IOException {
        ServerSetup smtp = new ServerSetup(smtpPort, "localhost", ServerSetup.PROTOCOL_SMTP);
        GreenMail mail = new GreenMail(smtp);
        // services may send credentials; any are accepted, and unknown recipients get a mailbox on first delivery
        mail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        mail.start();
        greenMail = mail;
        try {
            api.start();
        } catch (IOException | RuntimeException e) {
            stop();
            throw e;
        }
    }

    synchronized void stop() {
        api.stop();
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
        }
    }

    /** Mails delivered to {@code to} (case-insensitive), or all deliveries if null; newest first. */
    public List<CapturedMail> messages(String to) {
        GreenMail greenMail = running();
        List<Delivery> deliveries = new ArrayList<>();
        try {
            for (GreenMailUser user : recipients(greenMail, to)) {
                for (StoredMessage message : greenMail.getManagers().getImapHostManager().getInbox(user).getMessages()) {
                    deliveries.add(new Delivery(user.getEmail(), message));
                }
            }
            deliveries.sort(Comparator.comparing((Delivery d) -> d.message.getReceivedDate())
                    .thenComparingLong(d -> d.message.getUid()).reversed());
            List<CapturedMail> mails = new ArrayList<>(deliveries.size());
            for (Delivery delivery : deliveries) {
                mails.add(toCapturedMail(delivery));
            }
            return mails;
        } catch (FolderException | MessagingException | IOException e) {
            throw new IllegalStateException("could not read captured mail: " + e.getMessage(), e);
        }
    }

    /**
     * The mailboxes to read: the one of {@code to}, looked up directly (a benchmark's 15,000 members make a scan of every
     * mailbox per request slow), or a copy of the list of all, which SMTP sessions add to while we read.
     */
    private static List<GreenMailUser> recipients(GreenMail greenMail, String to) {
        if (to == null) {
            return List.copyOf(greenMail.getUserManager().listUser());
        }
        List<GreenMailUser> found = new ArrayList<>(1);
        for (String address : new LinkedHashSet<>(List.of(to, to.toLowerCase(Locale.ROOT)))) {
            GreenMailUser user = greenMail.getUserManager().getUserByEmail(address);
            if (user != null && found.stream().noneMatch(u -> u.getEmail().equals(user.getEmail()))) {
                found.add(user);
            }
        }
        return found;
    }

    public void clear() {
        try {
            running().purgeEmailFromAllMailboxes();
        } catch (FolderException e) {
            throw new IllegalStateException("could not clear captured mail", e);
        }
    }

    private synchronized GreenMail running() {
        if (greenMail == null) {
            throw new IllegalStateException("the mail capture is not running");
        }
        return greenMail;
    }

    private void handle(HttpExchange exchange) throws IOException {
        switch (exchange.getRequestMethod()) {
            case "GET" -> CaptureHttpServer.sendJson(exchange, 200,
                    messages(CaptureHttpServer.queryParameters(exchange).get("to")));
            case "DELETE" -> {
                clear();
                exchange.sendResponseHeaders(204, -1);
            }
            default -> CaptureHttpServer.send(exchange, 405, "text/plain; charset=utf-8", "GET or DELETE");
        }
    }

    private static CapturedMail toCapturedMail(Delivery delivery) throws MessagingException, IOException {
        MimeMessage mime = delivery.message.getMimeMessage();
        return new CapturedMail(delivery.recipient, from(mime), mime.getSubject(), MimeText.of(mime),
                IsoTime.of(delivery.message.getReceivedDate().toInstant()));
    }

    /** The From header as a person reads it: encoded words (a Japanese display name) decoded. */
    private static String from(MimeMessage mime) throws MessagingException {
        String raw = mime.getHeader("From", ", ");
        if (raw == null) {
            return null;
        }
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(raw)).trim();
        } catch (UnsupportedEncodingException e) {
            return raw;
        }
    }

    private record Delivery(String recipient, StoredMessage message) {
    }
}
