package dev.gatehouse.adapter.in.web;

import static dev.gatehouse.adapter.in.web.SessionRequests.encode;
import static dev.gatehouse.adapter.in.web.SessionRequests.logIn;
import static dev.gatehouse.adapter.in.web.SessionRequests.me;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.MailTemplate;
import dev.gatehouse.application.port.out.OutgoingMail;
import dev.gatehouse.domain.EmailVerificationMode;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Email verification ({@code GATEHOUSE_EMAIL_VERIFICATION=required}) through the real routing and use cases. */
@ServerTest
class EmailVerificationEndpointIT {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String JSON = "application/json";
    private static final String FORM = "application/x-www-form-urlencoded";
    static final String NOT_VERIFIED = """
            {"detail":"Email address not verified","error":"email_not_verified",
             "error_description":"Verify the account's email address with the link mailed to it (POST /email-verification sends a new one)"}""";
    private static final String ACCEPTED = """
            {"detail":"If an account with an unverified address has that name or address, a link is on its way"}""";
    private static final String INVALID_LINK = """
            {"detail":"Invalid, used or expired verification link","error":"invalid_token",
             "error_description":"Invalid, used or expired verification link"}""";

    private static final TestGatehouse GATEHOUSE = new TestGatehouse(EmailVerificationMode.REQUIRED);

    private final Http1Client client;

    EmailVerificationEndpointIT(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        GatehouseRouting.configure(routing, GATEHOUSE.useCases);
    }

    @Test
    void a_new_account_gets_tokens_only_once_the_mailed_link_proved_its_address() {
        Reply registered = register("newcomer", "newcomer@example.com");
        assertEquals(201, registered.status(), registered::toString);
        assertFalse(registered.json().getBoolean("email_verified"));
        String token = lastLinkTo("newcomer@example.com");

        token("newcomer", PASSWORD).expect(403, NOT_VERIFIED);
        Reply wrong = token("newcomer", "not the password");
        assertEquals(401, wrong.status(), "a wrong password hears nothing about the address: " + wrong);
        GATEHOUSE.forgetFailedLogins();

        Reply verified = confirm(token);
        assertEquals(200, verified.status(), verified::toString);
        assertTrue(verified.json().getBoolean("email_verified"));
        assertEquals("newcomer@example.com", verified.json().getString("email"));
        confirm(token).expect(400, INVALID_LINK);

        String accessToken = logIn(client, "newcomer", PASSWORD).getString("access_token");
        Reply profile = me(client, accessToken);
        assertEquals(200, profile.status(), profile::toString);
        assertTrue(profile.json().getBoolean("email_verified"));
    }

    @Test
    void registration_without_an_address_is_refused_with_a_field_error() {
        Reply refused = register("noaddress", null);

        assertEquals(422, refused.status(), refused::toString);
        assertEquals("email", refused.json().getJsonArray("detail").getJsonObject(0).getJsonArray("loc").getString(1));
    }

    @Test
    void a_new_link_is_asked_for_with_the_same_answer_for_anyone() {
        assertEquals(201, register("again", "again@example.com").status());

        requestLink("again").expect(202, ACCEPTED);
        requestLink("nobody-here").expect(202, ACCEPTED);
        requestLink("nobody@example.com").expect(202, ACCEPTED);

        assertEquals(2, GATEHOUSE.resets.outbox().all().stream()
                .filter(mail -> mail.template() == MailTemplate.EMAIL_VERIFICATION && mail.to().value().equals("again@example.com"))
                .count());
        assertEquals(200, confirm(lastLinkTo("again@example.com")).status(), "the newest link works");
    }

    @Test
    void the_mailed_link_lands_on_a_page_whose_button_verifies_and_fetching_it_uses_nothing_up() {
        assertEquals(201, register("clicker", "clicker@example.com").status());
        String token = lastLinkTo("clicker@example.com");

        try (HttpClientResponse page = client.get("/email-verification").queryParam("token", token).request()) {
            assertEquals(200, page.status().code());
            String html = page.as(String.class);
            assertTrue(html.contains("action=\"/email-verification/confirm\""), html);
            assertTrue(html.contains("value=\"" + token + "\""), html);
        }
        try (HttpClientResponse pressed = client.post("/email-verification/confirm").header(HeaderNames.CONTENT_TYPE, FORM)
                .submit("token=" + encode(token))) {
            assertEquals(200, pressed.status().code());
            assertTrue(pressed.as(String.class).contains("clicker@example.com is verified"));
        }
        try (HttpClientResponse again = client.post("/email-verification/confirm").header(HeaderNames.CONTENT_TYPE, FORM)
                .submit("token=" + encode(token))) {
            assertEquals(400, again.status().code());
        }
        logIn(client, "clicker", PASSWORD);
    }

    @Test
    void refuses_bad_bodies_with_a_clear_4xx() {
        Reply.of(client.post("/email-verification").header(HeaderNames.CONTENT_TYPE, FORM).submit("account=x"))
                .expect(415, """
                        {"detail":"Content-Type must be application/json"}""");
        assertEquals(422, Reply.of(client.post("/email-verification/confirm").header(HeaderNames.CONTENT_TYPE, JSON)
                .submit("{\"token\":42}")).status());
        assertEquals(422, Reply.of(client.post("/email-verification/confirm").header(HeaderNames.CONTENT_TYPE, JSON)
                .submit("{\"token\":\"" + "a".repeat(300) + "\"}")).status());
        confirm("made-up-token").expect(400, INVALID_LINK);
        try (HttpClientResponse page = client.get("/email-verification").request()) {
            assertEquals(400, page.status().code());
        }
    }

    @Test
    void of_sixteen_parallel_uses_of_one_link_exactly_one_verifies() throws Exception {
        assertEquals(201, register("racer", "racer@example.com").status());
        String token = lastLinkTo("racer@example.com");
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> attempts = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            attempts.add(() -> {
                start.await();
                return confirm(token).status();
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> outcomes = new ArrayList<>();
            for (Callable<Integer> attempt : attempts) {
                outcomes.add(pool.submit(attempt));
            }
            start.countDown();
            int verified = 0;
            for (Future<Integer> outcome : outcomes) {
                int status = outcome.get();
                verified += status == 200 ? 1 : 0;
                assertTrue(status == 200 || status == 400, "status " + status);
            }
            assertEquals(1, verified);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_new_address_replaces_the_old_one_only_once_its_link_is_used() {
        assertEquals(201, register("mover", "mover@old.example").status());
        assertEquals(200, confirm(lastLinkTo("mover@old.example")).status());
        String accessToken = logIn(client, "mover", PASSWORD).getString("access_token");

        changeEmail(accessToken, "not the password", "mover@new.example").expect(400, """
                {"detail":"Incorrect password"}""");
        GATEHOUSE.forgetFailedLogins();
        accessToken = logIn(client, "mover", PASSWORD).getString("access_token");
        changeEmail(accessToken, PASSWORD, "mover@new.example").expect(202, """
                {"detail":"A link to confirm the new address is on its way; the address changes when it is used"}""");
        assertEquals("mover@old.example", me(client, accessToken).json().getString("email"), "not before the link is used");

        assertEquals(200, confirm(lastLinkTo("mover@new.example")).status());

        Reply profile = me(client, accessToken);
        assertEquals("mover@new.example", profile.json().getString("email"), profile::toString);
        assertTrue(profile.json().getBoolean("email_verified"));
        OutgoingMail notice = GATEHOUSE.resets.outbox().all().getLast();
        assertEquals(MailTemplate.EMAIL_CHANGED, notice.template());
        assertEquals("mover@old.example", notice.to().value());
        Reply.of(client.post("/users/me/email").header(HeaderNames.CONTENT_TYPE, JSON)
                .submit("{\"current_password\":\"x\",\"email\":\"a@b.example\"}")).expect(401, """
                {"detail":"Not authenticated"}""");
    }

    private Reply changeEmail(String accessToken, String password, String email) {
        return Reply.of(client.post("/users/me/email").header(HeaderNames.CONTENT_TYPE, JSON)
                .header(HeaderNames.AUTHORIZATION, "Bearer " + accessToken)
                .submit("{\"current_password\":\"" + password + "\",\"email\":\"" + email + "\"}"));
    }

    private Reply register(String username, String email) {
        String body = "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\""
                + (email == null ? "" : ",\"email\":\"" + email + "\"") + "}";
        return Reply.of(client.post("/users").header(HeaderNames.CONTENT_TYPE, JSON).submit(body));
    }

    private Reply token(String username, String password) {
        return Reply.of(client.post("/token").header(HeaderNames.CONTENT_TYPE, FORM)
                .submit("username=" + encode(username) + "&password=" + encode(password)));
    }

    private Reply requestLink(String account) {
        return Reply.of(client.post("/email-verification").header(HeaderNames.CONTENT_TYPE, JSON)
                .submit("{\"account\":\"" + account + "\"}"));
    }

    private Reply confirm(String token) {
        // The parallel test's threads share this client.
        return Reply.of(OwnConnection.of(client.post("/email-verification/confirm")).header(HeaderNames.CONTENT_TYPE, JSON)
                .submit("{\"token\":\"" + token + "\"}"));
    }

    private static String lastLinkTo(String address) {
        List<OutgoingMail> links = GATEHOUSE.resets.outbox().all().stream()
                .filter(mail -> mail.template() == MailTemplate.EMAIL_VERIFICATION && mail.to().value().equals(address))
                .toList();
        return links.getLast().values().get("token");
    }
}
