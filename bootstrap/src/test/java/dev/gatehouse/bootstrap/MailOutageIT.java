package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.gatehouse.adapter.out.persistence.TestDatabases;
import dev.gatehouse.application.port.in.RequestPasswordResetCommand;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Password-reset mail through two Gatehouse instances on one PostgreSQL and a real SMTP server (GreenMail) that the
 * test stops and starts: what an outage holds back is delivered when the server is back, each mail once, whichever
 * instance sends it; and a mailed link, used from both instances at once, sets the password once.
 */
class MailOutageIT {

    private static final String PASSWORD = "correct horse battery";
    private static final Pattern LINK = Pattern.compile("/password-reset\\?token=([A-Za-z0-9_-]+)");
    private static final int RESETS = 50;

    private int smtpPort;
    private GreenMail smtp;
    private Gatehouse first;
    private Gatehouse second;

    @BeforeEach
    void startTwoInstancesWithTheMailServerDown() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            smtpPort = free.getLocalPort();
        }
        GatehouseSettings settings = GatehouseSettings.from(SettingSource.of(RequestBudgets.off(Map.of(
                "GATEHOUSE_JWT_SECRET", "shared-secret-of-every-instance-32-bytes!",
                "GATEHOUSE_PORT", "0",
                "GATEHOUSE_ARGON2_MEMORY_KIB", "1024",
                "GATEHOUSE_ARGON2_ITERATIONS", "1",
                "GATEHOUSE_SMTP_HOST", "127.0.0.1",
                "GATEHOUSE_SMTP_PORT", Integer.toString(smtpPort),
                "GATEHOUSE_SMTP_SECURITY", "none",
                "GATEHOUSE_SMTP_TIMEOUT", "2s",
                "GATEHOUSE_PUBLIC_URL", "https://login.example.test")))).withDatabase(TestDatabases.freshPostgres());
        first = Gatehouse.start(settings, Clock.systemUTC());
        second = Gatehouse.start(settings, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        first.close();
        second.close();
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void mail_held_back_by_an_outage_is_delivered_once_each_when_the_server_is_back() throws Exception {
        Set<String> addresses = new HashSet<>();
        for (int i = 0; i < RESETS; i++) {
            addresses.add(addUser("user" + i).email().orElseThrow().value());
        }
        for (int i = 0; i < RESETS; i++) {
            Gatehouse instance = i % 2 == 0 ? first : second;
            instance.useCases().requestPasswordReset().requestReset(
                    new RequestPasswordResetCommand("user" + i, new ClientAddress("192.0.2." + (i + 1))));
        }
        // Both instances try (and fail) for a while: nothing is lost, nothing is marked sent.
        Thread.sleep(3_000);
        assertEquals(RESETS, first.ports().mailOutbox().pending());

        startMailServer();
        List<MimeMessage> received = awaitMessages(RESETS, Duration.ofSeconds(60));
        // Any second delivery would come within a few rounds of the workers.
        Thread.sleep(3_000);
        received = List.of(smtp.getReceivedMessages());

        assertEquals(RESETS, received.size(), "every mail once, no more");
        Set<String> ids = new HashSet<>();
        Set<String> recipients = new HashSet<>();
        for (MimeMessage message : received) {
            ids.add(message.getMessageID());
            recipients.add(message.getRecipients(Message.RecipientType.TO)[0].toString());
        }
        assertEquals(RESETS, ids.size());
        assertEquals(addresses, recipients);
        assertEquals(0, first.ports().mailOutbox().pending());
    }

    @Test
    void a_mailed_link_used_from_two_instances_at_once_sets_the_password_once_and_ends_every_session() throws Exception {
        startMailServer();
        addUser("jane");
        String session = TestHttp.accessToken(new TestHttp(second.port()).logIn("jane", PASSWORD));
        assertEquals(202, post(first.port(), "/password-reset", "{\"account\":\"jane@example.com\"}").statusCode());
        MimeMessage mail = awaitMessages(1, Duration.ofSeconds(30)).get(0);
        String text = (String) ((MimeMultipart) mail.getContent()).getBodyPart(0).getContent();
        Matcher link = LINK.matcher(text);
        assertTrue(link.find(), text);
        assertTrue(text.contains("https://login.example.test/password-reset?token="), text);
        String token = link.group(1);

        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> attempts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            int port = i % 2 == 0 ? first.port() : second.port();
            String body = "{\"token\":\"" + token + "\",\"new_password\":\"a new passphrase " + i + "\"}";
            attempts.add(() -> {
                start.await();
                return post(port, "/password-reset/confirm", body).statusCode();
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(12);
        int set = 0;
        try {
            List<Future<Integer>> outcomes = new ArrayList<>();
            for (Callable<Integer> attempt : attempts) {
                outcomes.add(pool.submit(attempt));
            }
            start.countDown();
            for (Future<Integer> outcome : outcomes) {
                int status = outcome.get();
                assertTrue(status == 204 || status == 400, "status " + status);
                set += status == 204 ? 1 : 0;
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(1, set);
        assertEquals(401, new TestHttp(first.port()).me(session).statusCode(), "the session from before the reset ended");
        assertEquals(401, new TestHttp(second.port()).logIn("jane", PASSWORD).statusCode());
        // The notice that the password changed follows the link.
        assertEquals(2, awaitMessages(2, Duration.ofSeconds(30)).size());
    }

    private User addUser(String name) {
        User user = User.register(new Username(name), first.ports().passwordHasher().hash(new PlainPassword(PASSWORD)),
                new EmailAddress(name + "@example.com"), null, Clock.systemUTC().instant());
        first.ports().users().add(user);
        return user;
    }

    private void startMailServer() {
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    private List<MimeMessage> awaitMessages(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (smtp.getReceivedMessages().length < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return List.of(smtp.getReceivedMessages());
    }

    private static HttpResponse<String> post(int port, String path, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
