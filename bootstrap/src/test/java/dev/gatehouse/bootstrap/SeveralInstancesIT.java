package dev.gatehouse.bootstrap;

import dev.gatehouse.adapter.in.cli.Terminal;

import dev.gatehouse.adapter.in.cli.ExitStatus;

import dev.gatehouse.adapter.in.cli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.adapter.out.persistence.DatabaseSettings;
import dev.gatehouse.adapter.out.persistence.TestDatabases;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import dev.gatehouse.domain.SigningAlgorithm;
import dev.gatehouse.domain.SigningKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two Gatehouse instances on one PostgreSQL, as behind a load balancer: a token from one works on the other,
 * and throttling and disabling an account take effect on both (disabling within milliseconds, through each
 * instance's user cache being told of the change).
 */
class SeveralInstancesIT {

    // Other instances hear a change through PostgreSQL's LISTEN/NOTIFY, in milliseconds; a cache that never
    // hears it would keep the user for its 30 s time to live, far beyond this.
    private static final Duration PROPAGATION_LIMIT = Duration.ofMillis(500);

    private static final String PASSWORD = "correct horse battery";
    private GatehouseSettings settings;
    private Gatehouse first;
    private Gatehouse second;

    @BeforeEach
    void startTwoInstances() {
        DatabaseSettings database = TestDatabases.freshPostgres();
        settings = GatehouseSettings.from(SettingSource.of(RequestBudgets.off(Map.of(
                "GATEHOUSE_JWT_SECRET", "shared-secret-of-every-instance-32-bytes!",
                "GATEHOUSE_PORT", "0",
                "GATEHOUSE_ARGON2_MEMORY_KIB", "1024",
                "GATEHOUSE_ARGON2_ITERATIONS", "1")))).withDatabase(database);
        first = Gatehouse.start(settings, Clock.systemUTC());
        second = Gatehouse.start(settings, Clock.systemUTC());
        assertEquals(201, new TestHttp(first.port()).register("jane", PASSWORD).statusCode());
    }

    @AfterEach
    void stop() {
        first.close();
        second.close();
    }

    @Test
    void a_token_issued_by_one_instance_is_accepted_by_the_other() {
        String token = TestHttp.accessToken(new TestHttp(first.port()).logIn("jane", PASSWORD));

        HttpResponse<String> me = new TestHttp(second.port()).me(token);

        assertEquals(200, me.statusCode(), me.body());
        assertTrue(me.body().contains("\"username\":\"jane\""));
    }

    @Test
    void every_instance_publishes_the_same_keys_and_signs_with_the_same_key() throws Exception {
        String firstKeys = keySet(first.port());

        assertTrue(firstKeys.matches("\\{\"keys\":\\[\\{\"kty\":\"RSA\".*\\}\\]\\}"), firstKeys);
        assertEquals(firstKeys, keySet(second.port()));
        assertEquals(1, first.ports().signingKeys().findAll().size(), "the second instance created no key of its own");
        assertEquals(kidOf(TestHttp.accessToken(new TestHttp(first.port()).logIn("jane", PASSWORD))),
                kidOf(TestHttp.accessToken(new TestHttp(second.port()).logIn("jane", PASSWORD))));
    }

    @Test
    void an_instance_accepts_a_token_signed_with_a_key_another_instance_created_since_it_last_looked() throws Exception {
        // A key that signs at once, as after a key-encryption key change: the other instance has not seen it yet.
        List<SigningKey> before = first.ports().signingKeys().findAll();
        Instant now = Instant.now();
        SigningKey next = SigningKey.generate(SigningAlgorithm.ES256, before.get(before.size() - 1).generation() + 1, now, now);
        first.ports().signingKeys().add(next);
        String token = TestHttp.accessToken(new TestHttp(first.port()).logIn("jane", PASSWORD));
        assertEquals(next.id().value(), kidOf(token));

        // An unknown kid re-reads the keys at most every 5 s; within that the answer may still be 401.
        long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        HttpResponse<String> me = new TestHttp(second.port()).me(token);
        while (me.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            me = new TestHttp(second.port()).me(token);
        }
        assertEquals(200, me.statusCode(), me.body());
    }

    private static String keySet(int port) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/.well-known/jwks.json")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode());
        assertEquals("public, max-age=900", answer.headers().firstValue("Cache-Control").orElseThrow());
        return answer.body();
    }

    private static String kidOf(String token) {
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        return header.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
    }

    @Test
    void a_key_revoked_at_the_command_line_is_refused_by_every_instance_within_seconds_and_its_successor_signs_at_once()
            throws Exception {
        String token = TestHttp.accessToken(new TestHttp(second.port()).logIn("jane", PASSWORD));
        String compromised = kidOf(token);
        // Both instances have read the keys and accept the token: the revocation must reach views already held.
        assertEquals(200, new TestHttp(first.port()).me(token).statusCode());
        assertEquals(200, new TestHttp(second.port()).me(token).statusCode());

        // The command line is a third process on the same database, as an operator would run it.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long commandStarted = System.nanoTime();
        ExitStatus status = CommandLine.standard().run(List.of("revoke-key", "--", compromised), new Terminal(
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Optional.empty()), new DatabaseConsole(CommandSettings.always(settings), Clock.systemUTC()));
        long revokedAt = System.nanoTime();
        assertEquals(ExitStatus.SUCCESS, status, err.toString(StandardCharsets.UTF_8));
        Matcher created = Pattern.compile("^revoked key " + compromised + "; created RS256 key ([A-Za-z0-9_-]+), which signs at once")
                .matcher(out.toString(StandardCharsets.UTF_8));
        assertTrue(created.find(), out.toString(StandardCharsets.UTF_8));
        String successor = created.group(1);

        // Each instance asks for revoked key ids every 2 s; a view that waited for its 30 s refresh would fail this.
        Duration limit = Duration.ofSeconds(5);
        long[] refusedAfterNanos = new long[2];
        List<Gatehouse> instances = List.of(first, second);
        for (int i = 0; i < instances.size(); i++) {
            HttpResponse<String> me = new TestHttp(instances.get(i).port()).me(token);
            while (me.statusCode() == 200 && System.nanoTime() - revokedAt < limit.toNanos()) {
                Thread.sleep(20);
                me = new TestHttp(instances.get(i).port()).me(token);
            }
            refusedAfterNanos[i] = System.nanoTime() - revokedAt;
            assertEquals(401, me.statusCode(), "instance " + (i + 1) + " still accepts a token of the revoked key after " + limit);
        }
        System.out.printf("SeveralInstancesIT: the key revocation reached the instances %.0f ms and %.0f ms after the"
                        + " command ended (it ran %.0f ms)%n", refusedAfterNanos[0] / 1e6, refusedAfterNanos[1] / 1e6,
                (revokedAt - commandStarted) / 1e6);

        for (Gatehouse signer : instances) {
            String fresh = TestHttp.accessToken(new TestHttp(signer.port()).logIn("jane", PASSWORD));
            assertEquals(successor, kidOf(fresh), "the successor signs at once, without pre-publication");
            for (Gatehouse verifier : instances) {
                assertEquals(200, new TestHttp(verifier.port()).me(fresh).statusCode());
            }
            String keys = keySet(signer.port());
            assertFalse(keys.contains(compromised), "the revoked key is no longer published: " + keys);
            assertTrue(keys.contains(successor), keys);
        }
    }

    /** Each instance has a meter registry of its own, so two in one JVM (as here) never count each other's work. */
    @Test
    void each_instance_counts_only_its_own_logins() {
        double firstBefore = succeededLogins(first);
        double secondBefore = succeededLogins(second);

        assertEquals(200, new TestHttp(first.port()).logIn("jane", PASSWORD).statusCode());

        assertEquals(firstBefore + 1, succeededLogins(first));
        assertEquals(secondBefore, succeededLogins(second));
    }

    private static double succeededLogins(Gatehouse gatehouse) {
        String metrics = new TestHttp(gatehouse.adminPort()).get("/metrics").body();
        return metrics.lines().filter(line -> line.startsWith("gatehouse_logins_total{") && line.contains("outcome=\"succeeded\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void a_failure_on_one_instance_throttles_the_account_on_the_other() {
        assertEquals(401, new TestHttp(first.port()).logIn("jane", "wrong password").statusCode());

        HttpResponse<String> elsewhere = new TestHttp(second.port()).logIn("jane", PASSWORD);

        assertEquals(401, elsewhere.statusCode());
        assertTrue(elsewhere.headers().firstValue("Retry-After").isPresent(), "throttled, not merely refused");
    }

    @Test
    void disabling_an_account_through_one_instance_takes_effect_on_the_other_within_moments() throws InterruptedException {
        String token = TestHttp.accessToken(new TestHttp(second.port()).logIn("jane", PASSWORD));
        // The second instance now holds Jane in its user cache: the change must reach it, not merely miss it.
        assertEquals(200, new TestHttp(second.port()).me(token).statusCode());
        User jane = first.ports().users().findByUsername(new Username("jane")).orElseThrow();

        first.ports().users().change(jane.id(), stored -> stored.disable());
        long disabledAt = System.nanoTime();

        HttpResponse<String> me = new TestHttp(second.port()).me(token);
        while (me.statusCode() == 200 && System.nanoTime() - disabledAt < PROPAGATION_LIMIT.toNanos()) {
            Thread.sleep(2);
            me = new TestHttp(second.port()).me(token);
        }
        System.out.printf("SeveralInstancesIT: the disable reached the other instance in %.1f ms%n",
                (System.nanoTime() - disabledAt) / 1e6);
        assertEquals(400, me.statusCode(), "still accepted " + PROPAGATION_LIMIT.toMillis() + " ms after the disable");
        assertEquals("{\"detail\":\"Inactive user\"}", me.body());
        assertEquals(401, new TestHttp(second.port()).logIn("jane", PASSWORD).statusCode());
    }

    @Test
    void logging_out_everywhere_through_one_instance_refuses_the_token_on_the_other_within_moments() throws InterruptedException {
        HttpResponse<String> login = new TestHttp(second.port()).logIn("jane", PASSWORD);
        String elsewhere = TestHttp.accessToken(login);
        assertEquals(200, new TestHttp(second.port()).me(elsewhere).statusCode(), "cached on the second instance");
        String here = TestHttp.accessToken(new TestHttp(first.port()).logIn("jane", PASSWORD));

        assertEquals(204, new TestHttp(first.port()).logOut(here, true).statusCode());
        long loggedOutAt = System.nanoTime();

        HttpResponse<String> me = new TestHttp(second.port()).me(elsewhere);
        while (me.statusCode() == 200 && System.nanoTime() - loggedOutAt < PROPAGATION_LIMIT.toNanos()) {
            Thread.sleep(2);
            me = new TestHttp(second.port()).me(elsewhere);
        }
        assertEquals(401, me.statusCode(), "still accepted " + PROPAGATION_LIMIT.toMillis() + " ms after logging out everywhere");
        assertEquals(400, new TestHttp(second.port()).refresh(TestHttp.refreshToken(login)).statusCode(),
                "the other instance's session was revoked too");
    }

    @Test
    void an_access_token_revoked_through_one_instance_is_refused_by_the_other_within_a_second_and_a_bit()
            throws InterruptedException {
        String token = TestHttp.accessToken(new TestHttp(first.port()).logIn("jane", PASSWORD));
        String other = TestHttp.accessToken(new TestHttp(first.port()).logIn("jane", PASSWORD));
        assertEquals(200, new TestHttp(second.port()).me(token).statusCode(), "the second instance has looked at the list");

        assertEquals(200, new TestHttp(first.port()).revoke(token).statusCode());
        long revokedAt = System.nanoTime();
        assertEquals(401, new TestHttp(first.port()).me(token).statusCode(), "refused at once where it was revoked");

        // The other instance re-reads the revocations at most a second apart.
        Duration limit = Duration.ofMillis(1_500);
        HttpResponse<String> me = new TestHttp(second.port()).me(token);
        while (me.statusCode() == 200 && System.nanoTime() - revokedAt < limit.toNanos()) {
            Thread.sleep(20);
            me = new TestHttp(second.port()).me(token);
        }
        assertEquals(401, me.statusCode(), "still accepted " + limit.toMillis() + " ms after its revocation");
        assertEquals(200, new TestHttp(second.port()).me(other).statusCode(), "only that token");
    }

    @Test
    void revoking_a_session_through_one_instance_refuses_all_its_access_tokens_on_the_other_within_a_second_and_a_bit()
            throws InterruptedException {
        HttpResponse<String> login = new TestHttp(first.port()).logIn("jane", PASSWORD);
        HttpResponse<String> renewed = new TestHttp(second.port()).refresh(TestHttp.refreshToken(login));
        String earlier = TestHttp.accessToken(login);
        String later = TestHttp.accessToken(renewed);
        String otherSession = TestHttp.accessToken(new TestHttp(first.port()).logIn("jane", PASSWORD));
        assertEquals(200, new TestHttp(second.port()).me(earlier).statusCode(), "the second instance has looked at the list");

        // Single logout with the later token: the earlier one, never presented, belongs to the same session.
        assertEquals(204, new TestHttp(first.port()).logOut(later, false).statusCode());
        long revokedAt = System.nanoTime();
        assertEquals(401, new TestHttp(first.port()).me(earlier).statusCode(), "refused at once where the session ended");

        Duration limit = Duration.ofMillis(1_500);
        HttpResponse<String> me = new TestHttp(second.port()).me(earlier);
        while (me.statusCode() == 200 && System.nanoTime() - revokedAt < limit.toNanos()) {
            Thread.sleep(20);
            me = new TestHttp(second.port()).me(earlier);
        }
        assertEquals(401, me.statusCode(), "still accepted " + limit.toMillis() + " ms after its session was revoked");
        assertEquals(200, new TestHttp(second.port()).me(otherSession).statusCode(), "only that session");
    }

    @Test
    void a_refresh_token_rotates_across_instances_and_a_replay_on_either_is_refused() {
        String first = TestHttp.refreshToken(new TestHttp(this.first.port()).logIn("jane", PASSWORD));

        HttpResponse<String> renewed = new TestHttp(second.port()).refresh(first);
        assertEquals(200, renewed.statusCode(), renewed.body());

        HttpResponse<String> replay = new TestHttp(this.first.port()).refresh(first);
        assertEquals(400, replay.statusCode(), replay.body());
        assertTrue(replay.body().contains("\"error\":\"invalid_grant\""), replay.body());
        assertEquals(200, new TestHttp(this.first.port()).refresh(TestHttp.refreshToken(renewed)).statusCode(),
                "a replay within the grace window leaves the session alone");
    }
}
