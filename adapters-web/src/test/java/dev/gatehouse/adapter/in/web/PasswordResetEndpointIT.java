package dev.gatehouse.adapter.in.web;

import static dev.gatehouse.adapter.in.web.SessionRequests.INVALID_CREDENTIALS;
import static dev.gatehouse.adapter.in.web.SessionRequests.logIn;
import static dev.gatehouse.adapter.in.web.SessionRequests.me;
import static dev.gatehouse.adapter.in.web.SessionRequests.refresh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.MailTemplate;
import dev.gatehouse.application.port.out.OutgoingMail;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** {@code POST /password-reset} and {@code /password-reset/confirm} through the real routing and use cases. */
@ServerTest
class PasswordResetEndpointIT {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String NEW_PASSWORD = "a brand new passphrase";
    private static final String JSON = "application/json";
    private static final String ACCEPTED = """
            {"detail":"If an account has that name or address, a reset link is on its way"}""";
    private static final String INVALID_LINK = """
            {"detail":"Invalid or expired reset link","error":"invalid_token","error_description":"Invalid or expired reset link"}""";

    private static final TestGatehouse GATEHOUSE = new TestGatehouse();

    private final Http1Client client;

    PasswordResetEndpointIT(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        GatehouseRouting.configure(routing, GATEHOUSE.useCases);
    }

    @Test
    void answers_an_account_and_no_account_alike() {
        GATEHOUSE.addUser("alike", PASSWORD, "alike@example.com", null);

        Reply known = requestReset("alike").expect(202, ACCEPTED);
        Reply unknownName = requestReset("no-such-user").expect(202, ACCEPTED);
        Reply unknownAddress = requestReset("nobody@example.com").expect(202, ACCEPTED);

        for (Reply reply : List.of(known, unknownName, unknownAddress)) {
            assertEquals("no-store", reply.header(HeaderNames.CACHE_CONTROL));
        }
        assertEquals(names(known), names(unknownName));
    }

    @Test
    void a_link_sets_the_password_once_and_ends_every_session_and_token() {
        GATEHOUSE.addUser("forgetful", PASSWORD, "forgetful@example.com", null);
        JsonObject session = logIn(client, "forgetful", PASSWORD);
        requestReset("forgetful@example.com").expect(202, ACCEPTED);
        String token = lastLinkTo("forgetful@example.com");

        assertEquals(204, Reply.empty(confirm(token, NEW_PASSWORD)).status());

        me(client, session.getString("access_token")).expect(401, INVALID_CREDENTIALS);
        assertEquals(400, refresh(client, session.getString("refresh_token")).status());
        logIn(client, "forgetful", NEW_PASSWORD);
        assertEquals(MailTemplate.PASSWORD_CHANGED, GATEHOUSE.resets.outbox().all().getLast().template());
    }

    @Test
    void refuses_a_used_or_unknown_link_in_one_shape() {
        GATEHOUSE.addUser("once", PASSWORD, "once@example.com", null);
        requestReset("once");
        String token = lastLinkTo("once@example.com");
        assertEquals(204, Reply.empty(confirm(token, NEW_PASSWORD)).status());

        Reply.of(confirm(token, NEW_PASSWORD)).expect(400, INVALID_LINK);
        Reply.of(confirm("made-up-token", NEW_PASSWORD)).expect(400, INVALID_LINK);
        logIn(client, "once", NEW_PASSWORD);
    }

    @Test
    void refuses_a_password_the_rules_refuse_and_keeps_the_link() {
        GATEHOUSE.addUser("rules", PASSWORD, "rules@example.com", null);
        requestReset("rules");
        String token = lastLinkTo("rules@example.com");

        Reply rejected = Reply.of(confirm(token, "short"));

        assertEquals(422, rejected.status(), rejected::toString);
        assertEquals("new_password", rejected.json().getJsonArray("detail").getJsonObject(0).getJsonArray("loc").getString(1));
        assertEquals(204, Reply.empty(confirm(token, NEW_PASSWORD)).status());
    }

    @Test
    void refuses_bad_bodies_with_a_clear_4xx() {
        Reply.of(client.post("/password-reset").header(HeaderNames.CONTENT_TYPE, "application/x-www-form-urlencoded")
                .submit("account=x")).expect(415, """
                {"detail":"Content-Type must be application/json"}""");
        assertEquals(422, Reply.of(client.post("/password-reset").header(HeaderNames.CONTENT_TYPE, JSON).submit("[]")).status());
        assertEquals(422, Reply.of(client.post("/password-reset").header(HeaderNames.CONTENT_TYPE, JSON)
                .submit("{\"account\":\"" + "a".repeat(400) + "\"}")).status());
        assertEquals(422, Reply.of(client.post("/password-reset/confirm").header(HeaderNames.CONTENT_TYPE, JSON)
                .submit("{\"token\":42,\"new_password\":\"" + NEW_PASSWORD + "\"}")).status());
    }

    @Test
    void of_many_parallel_uses_of_one_link_exactly_one_sets_the_password() throws Exception {
        GATEHOUSE.addUser("racer", PASSWORD, "racer@example.com", null);
        requestReset("racer");
        String token = lastLinkTo("racer@example.com");
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> attempts = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String password = NEW_PASSWORD + " " + i;
            attempts.add(() -> {
                start.await();
                try (var response = confirm(token, password)) {
                    return response.status().code();
                }
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> outcomes = new ArrayList<>();
            for (Callable<Integer> attempt : attempts) {
                outcomes.add(pool.submit(attempt));
            }
            start.countDown();
            int set = 0;
            for (Future<Integer> outcome : outcomes) {
                int status = outcome.get();
                set += status == 204 ? 1 : 0;
                assertEquals(true, status == 204 || status == 400, "status " + status);
            }
            assertEquals(1, set);
        } finally {
            pool.shutdownNow();
        }
    }

    private static java.util.Set<String> names(Reply reply) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        reply.headers().forEach(header -> names.add(header.name().toLowerCase(java.util.Locale.ROOT)));
        names.remove("date");
        return names;
    }

    private Reply requestReset(String account) {
        return Reply.of(client.post("/password-reset").header(HeaderNames.CONTENT_TYPE, JSON)
                .submit("{\"account\":\"" + account + "\"}"));
    }

    @Test
    void the_mailed_link_lands_on_a_page_whose_form_sets_the_password_once() {
        GATEHOUSE.addUser("pageuser", PASSWORD, "pageuser@example.com", null);
        requestReset("pageuser");
        String token = lastLinkTo("pageuser@example.com");

        Reply landing = Reply.page(client.get("/password-reset").queryParam("token", token).request());
        assertEquals(200, landing.status(), landing::toString);
        assertTrue(landing.body().contains("value=\"" + token + "\"") && landing.body().contains("action=\"/password-reset/confirm\""),
                landing::toString);
        assertTrue(landing.body().contains("autocomplete=\"new-password\""), landing::toString);

        Reply refused = pageForm("token=" + token + "&new_password=short");
        assertEquals(400, refused.status(), refused::toString);
        assertTrue(refused.body().contains("aria-invalid=\"true\"") && refused.body().contains("value=\"" + token + "\""),
                "the form comes back with the reason and the same link: " + refused.body());
        Reply tooLong = pageForm("token=" + token + "&new_password=" + "x".repeat(2000));
        assertEquals(400, tooLong.status(), tooLong::toString);

        Reply set = pageForm("token=" + token + "&new_password=" + NEW_PASSWORD.replace(' ', '+'));
        assertEquals(200, set.status(), set::toString);
        assertTrue(set.body().contains("Your new password is set"), set::toString);
        logIn(client, "pageuser", NEW_PASSWORD);

        Reply again = pageForm("token=" + token + "&new_password=" + "another+fine+passphrase");
        assertEquals(400, again.status(), again::toString);
        assertTrue(again.body().contains("This link does not work"), again::toString);
        for (Reply incomplete : List.of(Reply.page(client.get("/password-reset").request()), pageForm("new_password=x"),
                pageForm("%%%"))) {
            assertEquals(400, incomplete.status(), incomplete::toString);
        }
    }

    private Reply pageForm(String body) {
        return Reply.page(OwnConnection.of(client.post("/password-reset/confirm"))
                .header(HeaderNames.CONTENT_TYPE, "application/x-www-form-urlencoded").submit(body));
    }

    private io.helidon.webclient.api.HttpClientResponse confirm(String token, String password) {
        // The parallel test's 16 threads share this client.
        return OwnConnection.of(client.post("/password-reset/confirm")).header(HeaderNames.CONTENT_TYPE, JSON)
                .submit("{\"token\":\"" + token + "\",\"new_password\":\"" + password + "\"}");
    }

    private static String lastLinkTo(String address) {
        List<OutgoingMail> links = GATEHOUSE.resets.outbox().all().stream()
                .filter(mail -> mail.template() == MailTemplate.PASSWORD_RESET && mail.to().value().equals(address)).toList();
        return links.getLast().values().get("token");
    }
}
