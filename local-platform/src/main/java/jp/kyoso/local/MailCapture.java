package jp.kyoso.local;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.imap.ImapConstants;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.Store;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;

import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.MimeMessage;

/**
 * An SMTP server that accepts mail for any recipient and keeps it in memory (GreenMail), plus an HTTP API to read it:
 * {@code GET /api/messages[?to=ADDRESS]} newest first, {@code DELETE /api/messages} to clear.
 * <p>
 * Only the newest {@code maxMessages} mails are kept (KYOSO_MAIL_CAPTURE_MAX_MESSAGES, default
 * {@value #DEFAULT_MAX_MESSAGES}): the capture shares the launcher's heap with the MongoDB-wire server, and the
 * benchmark's 15,000 members joining left 47,000 mails there (240 MB) until an MVStore commit ran out of memory, which
 * closes the store and stops every service's database.
 */
public final class MailCapture {

    static final int DEFAULT_MAX_MESSAGES = 5_000;
    private static final long PRUNE_EVERY_SECONDS = 5;

    private final int smtpPort;
    private final int maxMessages;
    private final CaptureHttpServer api;
    private GreenMail greenMail;
    // after stopSmtp/startSmtp: the SMTP listener started again on the same mailboxes (GreenMail's own cannot restart)
    private SmtpServer restartedSmtp;
    private boolean smtpStopped;
    private ScheduledExecutorService pruning;
    /** The recipients' mailboxes that were empty at the last prune: see forgetRecipientsWithoutMail. */
    private Set<String> emptyAtLastPass = new HashSet<>();

    MailCapture(int smtpPort, int apiPort) {
        this(smtpPort, apiPort, DEFAULT_MAX_MESSAGES);
    }

    MailCapture(int smtpPort, int apiPort, int maxMessages) {
        this.smtpPort = smtpPort;
        this.maxMessages = maxMessages;
        this.api = new CaptureHttpServer("mail-api", apiPort).route("/api/messages", this::handle);
    }

    synchronized void start() throws IOException {
        ServerSetup smtp = new ServerSetup(smtpPort, "localhost", ServerSetup.PROTOCOL_SMTP);
        GreenMail mail = new GreenMail(smtp);
        // services may send credentials; any are accepted, and unknown recipients get a mailbox on first delivery
        mail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        mail.start();
        greenMail = mail;
        pruning = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mail-capture-pruning");
            thread.setDaemon(true);
            return thread;
        });
        pruning.scheduleWithFixedDelay(this::pruneQuietly, PRUNE_EVERY_SECONDS, PRUNE_EVERY_SECONDS, TimeUnit.SECONDS);
        try {
            api.start();
        } catch (IOException | RuntimeException e) {
            stop();
            throw e;
        }
    }

    /**
     * {@code ./kyoso stop smtp}: the SMTP port refuses connections, as a mail server that is down does; the mails
     * captured so far and the HTTP API stay.
     */
    synchronized void stopSmtp() {
        GreenMail mail = running();
        if (smtpStopped) {
            throw new IllegalStateException("smtp is already stopped");
        }
        (restartedSmtp != null ? restartedSmtp : mail.getSmtp()).stopService();
        restartedSmtp = null;
        smtpStopped = true;
    }

    /** {@code ./kyoso start smtp}: the SMTP listener again, delivering into the same mailboxes. */
    synchronized void startSmtp() {
        GreenMail mail = running();
        if (!smtpStopped) {
            throw new IllegalStateException("smtp is already running");
        }
        SmtpServer smtp = new SmtpServer(new ServerSetup(smtpPort, "localhost", ServerSetup.PROTOCOL_SMTP),
                mail.getManagers());
        smtp.startService();
        boolean listening;
        try {
            listening = smtp.waitTillRunning(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            listening = false;
        }
        if (!listening) {
            smtp.stopService();
            throw new PlatformStartException("the SMTP capture did not listen on :" + smtpPort + " within 10 s");
        }
        restartedSmtp = smtp;
        smtpStopped = false;
    }

    synchronized void stop() {
        if (restartedSmtp != null) {
            restartedSmtp.stopService();
            restartedSmtp = null;
        }
        smtpStopped = false;
        if (pruning != null) {
            pruning.shutdownNow();
            pruning = null;
        }
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

    /**
     * Removes the oldest mails beyond {@code maxMessages}, then the recipients left without mail; returns how many mails
     * it removed. A recipient is a user with two folders in GreenMail, about 700 bytes: an announcement's mail to 100,000
     * members left 70 MB of them in the launcher's heap after its mails were pruned, and the collector then ran full
     * collections back to back, slowing Kafka and the MongoDB-wire server that share the heap.
     */
    synchronized int prune() throws FolderException {
        GreenMail greenMail = running();
        List<Held> held = new ArrayList<>();
        List<Inbox> inboxes = inboxes(greenMail);
        for (Inbox inbox : inboxes) {
            for (StoredMessage message : inbox.folder.getMessages()) {
                held.add(new Held(inbox.folder, message));
            }
        }
        int excess = held.size() - maxMessages;
        if (excess > 0) {
            held.sort(Comparator.comparing((Held h) -> h.message.getReceivedDate())
                    .thenComparingLong(h -> h.message.getUid()));
            Set<MailFolder> touched = new HashSet<>();
            for (Held oldest : held.subList(0, excess)) {
                oldest.folder.setFlags(new Flags(Flags.Flag.DELETED), true, oldest.message.getUid(), null, false);
                touched.add(oldest.folder);
            }
            for (MailFolder folder : touched) {
                folder.expunge();
            }
        }
        forgetRecipientsWithoutMail(greenMail, inboxes);
        return Math.max(0, excess);
    }

    /**
     * Forgets a recipient only when their inbox was empty at the previous pass too. GreenMail gives a new recipient
     * their user and an empty inbox first and stores the mail a moment later: removing every empty inbox at once lost
     * mails in that moment (2 verification mails of the benchmark's first 200 joins, sent by notifications-service and
     * never readable here). An inbox empty for a whole pass belongs to somebody whose mails were pruned; a mail that
     * arrives for them in the very moment of the removal can still be lost from the capture (never from the service,
     * which saw its SMTP transaction succeed).
     */
    private void forgetRecipientsWithoutMail(GreenMail greenMail, List<Inbox> inboxes) {
        Set<String> emptyNow = new HashSet<>();
        for (Inbox inbox : inboxes) {
            if (inbox.folder.getMessageCount() == 0) {
                emptyNow.add(inbox.mailbox);
            }
        }
        Set<String> emptyForAPass = new HashSet<>(emptyNow);
        emptyForAPass.retainAll(emptyAtLastPass);
        emptyAtLastPass = emptyNow;
        if (emptyForAPass.isEmpty()) {
            return;
        }
        for (GreenMailUser user : List.copyOf(greenMail.getUserManager().listUser())) {
            if (emptyForAPass.contains(user.getQualifiedMailboxName())) {
                greenMail.getUserManager().deleteUser(user);
                emptyAtLastPass.remove(user.getQualifiedMailboxName());
            }
        }
    }

    /** How many recipients the capture holds a mailbox for. */
    int recipientCount() {
        return running().getUserManager().listUser().size();
    }

    /**
     * Every inbox, in one walk of the store's tree (user folders, then their INBOX). Asking for each user's inbox by
     * name searches every mailbox each time: with a benchmark's 15,000 members, pruning every 5 s that way took half of
     * this process's CPU. Copying a folder's children is safe while SMTP sessions add to them (synchronized lists).
     */
    private static List<Inbox> inboxes(GreenMail greenMail) {
        Store store = greenMail.getManagers().getImapHostManager().getStore();
        MailFolder users = store.getMailbox(ImapConstants.USER_NAMESPACE);
        List<Inbox> found = new ArrayList<>();
        if (users == null) {
            return found;
        }
        for (MailFolder user : new ArrayList<>(store.getChildren(users))) {
            for (MailFolder folder : new ArrayList<>(store.getChildren(user))) {
                if (ImapConstants.INBOX_NAME.equalsIgnoreCase(folder.getName())) {
                    found.add(new Inbox(user.getName(), folder));
                }
            }
        }
        return found;
    }

    /** A recipient's inbox, and the name of their user folder (GreenMail's qualified mailbox name of the user). */
    private record Inbox(String mailbox, MailFolder folder) {
    }

    private void pruneQuietly() {
        try {
            prune();
        } catch (FolderException | RuntimeException e) {
            System.err.println("[kyoso] mail capture: could not remove old mail: " + e.getMessage());
        }
    }

    private record Held(MailFolder folder, StoredMessage message) {
    }

    public void clear() {
        try {
            running().purgeEmailFromAllMailboxes();
        } catch (FolderException e) {
            throw new IllegalStateException("could not clear captured mail", e);
        }
    }

    /** Package-private for tests that play GreenMail's part in a delivery. */
    synchronized GreenMail running() {
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
