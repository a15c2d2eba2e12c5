package dev.gatehouse.features.http;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mailbox the scenarios read: an SMTP server (GreenMail) in this JVM that Gatehouse delivers to. In process,
 * {@link RunningGatehouse} points the Gatehouse it starts at it. Against a deployment, set {@value #PORT} to the port it
 * should listen on and point the deployment's {@code GATEHOUSE_SMTP_HOST}/{@code GATEHOUSE_SMTP_PORT} (with
 * {@code GATEHOUSE_SMTP_SECURITY=none}) at this machine; without it the scenarios tagged {@code @}{@value #TAG} are left
 * out there. Mails are told apart by their recipient: each scenario's addresses carry its own suffix.
 */
final class MailCatcher {

    /** The port to listen on, as a system property or environment variable; unset, a free one (in process only). */
    static final String PORT = "GATEHOUSE_FEATURES_SMTP_PORT";
    /** The tag (without its {@code @}) of the scenarios that read mail. */
    static final String TAG = "mail";
    /** How long a mail may take: the outbox is sent every second. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Pattern TOKEN = Pattern.compile("\\?token=([A-Za-z0-9_-]+)");

    private static MailCatcher instance;

    private final GreenMail server;
    private final int port;

    private MailCatcher(int port) {
        this.port = port;
        this.server = new GreenMail(new ServerSetup(port, "0.0.0.0", ServerSetup.PROTOCOL_SMTP));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "gatehouse-features-mail-shutdown"));
    }

    static synchronized MailCatcher get() {
        if (instance == null) {
            instance = new MailCatcher(configuredPort().orElseGet(MailCatcher::freePort));
        }
        return instance;
    }

    /** The {@value #PORT} setting, the system property first. */
    static Optional<Integer> configuredPort() {
        return Optional.ofNullable(System.getProperty(PORT)).or(() -> Optional.ofNullable(System.getenv(PORT)))
                .filter(value -> !value.isBlank()).map(value -> Integer.parseInt(value.strip()));
    }

    int port() {
        return port;
    }

    /** The token of the newest mail to {@code address} with a link to {@code path}, waiting for the mail to arrive. */
    String awaitLink(String address, String path, int nth) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            List<String> tokens = linksTo(address, path);
            if (tokens.size() >= nth) {
                return tokens.get(nth - 1);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no mail with a link to " + path + " reached " + address + " within " + PATIENCE
                        + " (" + tokens.size() + " did)");
            }
            pause();
        }
    }

    /** The links to {@code path} mailed to {@code address} so far, oldest first. */
    List<String> linksTo(String address, String path) {
        List<String> tokens = new ArrayList<>();
        for (MimeMessage message : server.getReceivedMessages()) {
            try {
                if (!message.getRecipients(Message.RecipientType.TO)[0].toString().equalsIgnoreCase(address)) {
                    continue;
                }
                String text = (String) ((MimeMultipart) message.getContent()).getBodyPart(0).getContent();
                Matcher link = Pattern.compile(Pattern.quote(path) + TOKEN.pattern()).matcher(text);
                if (link.find()) {
                    tokens.add(link.group(1));
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return tokens;
    }

    /** Waits for a mail to {@code address} whose subject contains {@code words}. */
    void awaitSubject(String address, String words) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (subjectsTo(address).stream().noneMatch(subject -> subject.contains(words))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no mail about '" + words + "' reached " + address + " within " + PATIENCE
                        + " (subjects: " + subjectsTo(address) + ")");
            }
            pause();
        }
    }

    /** The subjects of the mails to {@code address} so far, oldest first. */
    List<String> subjectsTo(String address) {
        List<String> subjects = new ArrayList<>();
        for (MimeMessage message : server.getReceivedMessages()) {
            try {
                if (message.getRecipients(Message.RecipientType.TO)[0].toString().equalsIgnoreCase(address)) {
                    subjects.add(message.getSubject());
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return subjects;
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
