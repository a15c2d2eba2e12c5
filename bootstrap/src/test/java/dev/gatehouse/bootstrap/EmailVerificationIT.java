package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.gatehouse.adapter.out.persistence.TestDatabases;
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
import java.util.List;
import java.util.Map;
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
 * Email verification as deployed ({@code GATEHOUSE_EMAIL_VERIFICATION=required}): two Gatehouse instances on one
 * PostgreSQL, mail sent over SMTP to a real server (GreenMail) from which the test reads the link, as a person would.
 */
class EmailVerificationIT {

    private static final String PASSWORD = "correct horse battery";
    private static final Pattern LINK = Pattern.compile("https://login\\.example\\.test/email-verification\\?token=([A-Za-z0-9_-]+)");

    private GreenMail smtp;
    private Gatehouse first;
    private Gatehouse second;

    @BeforeEach
    void startTwoInstancesAndAMailServer() throws Exception {
        int smtpPort;
        try (ServerSocket free = new ServerSocket(0)) {
            smtpPort = free.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        GatehouseSettings settings = GatehouseSettings.from(SettingSource.of(RequestBudgets.off(Map.of(
                "GATEHOUSE_JWT_SECRET", "shared-secret-of-every-instance-32-bytes!",
                "GATEHOUSE_PORT", "0",
                "GATEHOUSE_ARGON2_MEMORY_KIB", "1024",
                "GATEHOUSE_ARGON2_ITERATIONS", "1",
                "GATEHOUSE_SMTP_HOST", "127.0.0.1",
                "GATEHOUSE_SMTP_PORT", Integer.toString(smtpPort),
                "GATEHOUSE_SMTP_SECURITY", "none",
                "GATEHOUSE_PUBLIC_URL", "https://login.example.test",
                "GATEHOUSE_EMAIL_VERIFICATION", "required")))).withDatabase(TestDatabases.freshPostgres());
        first = Gatehouse.start(settings, Clock.systemUTC());
        second = Gatehouse.start(settings, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        first.close();
        second.close();
        smtp.stop();
    }

    @Test
    void the_mailed_link_used_from_two_instances_at_once_verifies_once_and_only_then_are_tokens_issued() throws Exception {
        assertEquals(201, post(first.port(), "/users",
                "{\"username\":\"jane\",\"password\":\"" + PASSWORD + "\",\"email\":\"jane@example.com\"}").statusCode());
        MimeMessage mail = awaitMessages(1, Duration.ofSeconds(30)).get(0);
        assertEquals("jane@example.com", mail.getRecipients(Message.RecipientType.TO)[0].toString());
        String text = (String) ((MimeMultipart) mail.getContent()).getBodyPart(0).getContent();
        Matcher link = LINK.matcher(text);
        assertTrue(link.find(), text);
        String token = link.group(1);

        HttpResponse<String> refused = new TestHttp(second.port()).logIn("jane", PASSWORD);
        assertEquals(403, refused.statusCode(), refused::body);
        assertTrue(refused.body().contains("\"error\":\"email_not_verified\""), refused.body());
        assertEquals(200, get(second.port(), "/email-verification?token=" + token).statusCode(), "the landing page uses nothing up");

        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> attempts = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            int port = i % 2 == 0 ? first.port() : second.port();
            attempts.add(() -> {
                start.await();
                return post(port, "/email-verification/confirm", "{\"token\":\"" + token + "\"}").statusCode();
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        int verified = 0;
        try {
            List<Future<Integer>> outcomes = new ArrayList<>();
            for (Callable<Integer> attempt : attempts) {
                outcomes.add(pool.submit(attempt));
            }
            start.countDown();
            for (Future<Integer> outcome : outcomes) {
                int status = outcome.get();
                assertTrue(status == 200 || status == 400, "status " + status);
                verified += status == 200 ? 1 : 0;
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, verified);

        HttpResponse<String> tokens = new TestHttp(second.port()).logIn("jane", PASSWORD);
        assertEquals(200, tokens.statusCode(), tokens::body);
        HttpResponse<String> me = new TestHttp(first.port()).me(TestHttp.accessToken(tokens));
        assertTrue(me.body().contains("\"email_verified\":true"), me.body());
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

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
