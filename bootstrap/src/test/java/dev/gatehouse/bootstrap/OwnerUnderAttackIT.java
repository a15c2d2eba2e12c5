package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.adapter.out.persistence.TestDatabases;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Guessing must not lock the owner out, whatever client she uses. An attacker sends 1,000 wrong passwords at 10 a
 * second from the owner's own address (as behind one NAT), half at her account and half sprayed over made-up names
 * until the address's budget is spent. Meanwhile the owner logs in every 5 seconds from an API client that keeps no
 * cookies, sending back the {@code device_token} of her last login, on the other of two instances: every login
 * succeeds. A client without a device credential is throttled, and so is a NAT-mate without one; a NAT-mate with
 * one gets in. The request budgets in front (in memory, per instance, proven by {@code FloodIT}) are off: this is
 * the database throttle's guarantee, which holds across instances.
 */
class OwnerUnderAttackIT {

    private static final String PASSWORD = "correct horse battery";
    private static final int GUESSES = Integer.getInteger("attack.guesses", 1000);
    private static final int GUESSES_PER_SECOND = 10;

    @Test
    void the_owner_with_a_known_api_client_logs_in_every_time_while_an_attacker_guesses() throws Exception {
        GatehouseSettings settings = GatehouseSettings.from(SettingSource.of(RequestBudgets.off(Map.of(
                "GATEHOUSE_JWT_SECRET", "shared-secret-of-every-instance-32-bytes!",
                "GATEHOUSE_PORT", "0",
                "GATEHOUSE_ARGON2_MEMORY_KIB", "4096",
                "GATEHOUSE_ARGON2_ITERATIONS", "2")))).withDatabase(TestDatabases.freshPostgres());
        try (Gatehouse attacked = Gatehouse.start(settings, Clock.systemUTC());
             Gatehouse owners = Gatehouse.start(settings, Clock.systemUTC())) {
            TestHttp owner = new TestHttp(owners.port());
            assertEquals(201, owner.register("jane", PASSWORD).statusCode());
            assertEquals(201, owner.register("bob", PASSWORD).statusCode());
            String janesDevice = TestHttp.deviceToken(owner.logIn("jane", PASSWORD));
            String bobsDevice = TestHttp.deviceToken(owner.logIn("bob", PASSWORD));

            AtomicInteger sent = new AtomicInteger();
            TestHttp attacker = new TestHttp(attacked.port());
            List<Future<?>> guesses = new ArrayList<>();
            ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
            var senders = Executors.newVirtualThreadPerTaskExecutor();
            pace.scheduleAtFixedRate(() -> {
                int i = sent.getAndIncrement();
                if (i < GUESSES) {
                    String name = i % 2 == 0 ? "jane" : "made-up-" + i;
                    guesses.add(senders.submit(() -> attacker.logIn(name, "guess " + i)));
                }
            }, 0, 1000 / GUESSES_PER_SECOND, TimeUnit.MILLISECONDS);

            List<Integer> ownersLogins = new ArrayList<>();
            try {
                while (sent.get() < GUESSES) {
                    Thread.sleep(5_000);
                    HttpResponse<String> login = owner.logIn("jane", PASSWORD, Map.of("device_token", janesDevice));
                    ownersLogins.add(login.statusCode());
                    if (login.statusCode() == 200) {
                        janesDevice = TestHttp.deviceToken(login);
                    }
                }
                pace.shutdown();
                assertTrue(pace.awaitTermination(5, TimeUnit.SECONDS));
                for (Future<?> guess : List.copyOf(guesses)) {
                    guess.get();
                }
            } finally {
                pace.shutdownNow();
                senders.shutdownNow();
            }

            assertTrue(ownersLogins.size() >= GUESSES / GUESSES_PER_SECOND / 5 - 1, ownersLogins.toString());
            assertEquals(List.of(200), ownersLogins.stream().distinct().toList(), "the owner's logins during the attack");
            assertThrottled(owner.logIn("jane", PASSWORD), "a new client of the owner's, without a device credential");
            assertThrottled(owner.logIn("bob", PASSWORD), "a NAT-mate without a device credential: the address's budget is spent");
            assertEquals(200, owner.logIn("bob", PASSWORD, Map.of("device_token", bobsDevice)).statusCode(),
                    "a NAT-mate with a device credential");
        }
    }

    private static void assertThrottled(HttpResponse<String> answer, String who) {
        assertEquals(401, answer.statusCode(), who);
        assertTrue(answer.headers().firstValue("Retry-After").isPresent(), who + ": throttled, not merely refused");
    }
}
