package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.adapter.out.persistence.TestDatabases;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lost update of issue 15, attacked over HTTP on two instances sharing one PostgreSQL: Jane loops password
 * changes on one instance while an administrator, on the other, disables her, removes her role or ends her
 * sessions. Each password change used to write back the whole account as read before its two argon2 operations,
 * so it undid the administrator's change most of the time. The administrator's change must stand every time.
 */
class AccountRacesIT {

    private static final int ROUNDS = 20;
    private static final String FIRST_PASSWORD = "correct horse battery";
    private static final String SECOND_PASSWORD = "staple battery horse";

    private Gatehouse janes;
    private Gatehouse admins;
    private String adminToken;

    @BeforeEach
    void startTwoInstances() {
        GatehouseSettings settings = GatehouseSettings.from(SettingSource.of(RequestBudgets.off(Map.of(
                "GATEHOUSE_JWT_SECRET", "shared-secret-of-every-instance-32-bytes!",
                // Its administrator signs in with a password only.
                "GATEHOUSE_2FA_REQUIRED_ROLES", "none",
                "GATEHOUSE_PORT", "0",
                "GATEHOUSE_ARGON2_MEMORY_KIB", "1024",
                "GATEHOUSE_ARGON2_ITERATIONS", "1")))).withDatabase(TestDatabases.freshPostgres());
        janes = Gatehouse.start(settings, Clock.systemUTC());
        admins = Gatehouse.start(settings, Clock.systemUTC());
        TestHttp http = new TestHttp(admins.port());
        assertEquals(201, http.register("root", FIRST_PASSWORD).statusCode());
        assertEquals(201, http.register("jane", FIRST_PASSWORD).statusCode());
        User root = admins.ports().users().findByUsername(new Username("root")).orElseThrow();
        admins.ports().users().change(root.id(), stored -> stored.withRole(Role.ADMIN));
        adminToken = TestHttp.accessToken(http.logIn("root", FIRST_PASSWORD, Map.of("scope", "admin")));
    }

    @AfterEach
    void stop() {
        janes.close();
        admins.close();
    }

    @Test
    void a_password_change_loop_never_undoes_a_disable() {
        race(jane -> assertTrue(jane.isDisabled(), "disabled"), "POST", "/jane/disable");
    }

    @Test
    void a_password_change_loop_never_undoes_a_role_removal() {
        race(jane -> assertFalse(jane.holds(Role.ADMIN), "the role is gone"), "DELETE", "/jane/roles/admin");
    }

    @Test
    void a_password_change_loop_never_undoes_ended_sessions() {
        race(jane -> { }, "DELETE", "/jane/sessions");
    }

    private interface Check {
        void holdsFor(User jane);
    }

    /**
     * {@link #ROUNDS} races; in each, every change must stand: the administrator's (checked by {@code check}) and
     * each password change answered 200 (the security version counts them all, and the last new password works).
     */
    private void race(Check check, String method, String path) {
        int reverted = 0;
        for (int round = 0; round < ROUNDS; round++) {
            User before = resetJane();
            String[] password = {currentPasswordOf(before)};
            String token = TestHttp.accessToken(new TestHttp(janes.port()).logIn("jane", password[0]));
            CompletableFuture<Integer> changes = CompletableFuture.supplyAsync(() -> changePasswordRepeatedly(token, password));
            CompletableFuture<HttpResponse<String>> administrator = CompletableFuture.supplyAsync(() -> {
                pause(ThreadLocalRandom.current().nextInt(40));
                return new TestHttp(admins.port()).admin(method, path, adminToken);
            });
            int passwordChanges = changes.join();
            assertEquals(200, administrator.join().statusCode(), administrator.join().body());

            User after = admins.ports().users().findByUsername(new Username("jane")).orElseThrow();
            try {
                check.holdsFor(after);
                assertEquals(before.securityVersion() + passwordChanges + 1, after.securityVersion(),
                        "every password change and the administrator's change moved the version on once");
                assertTrue(admins.ports().passwordHasher().verify(new PlainPassword(password[0]), after.passwordHash()),
                        "the last password change answered 200 stands");
            } catch (AssertionError lost) {
                reverted++;
            }
        }
        assertEquals(0, reverted, "rounds in which a change was lost, of " + ROUNDS);
    }

    /** Changes Jane's password until a change is refused (her sessions ended) or six went through. */
    private int changePasswordRepeatedly(String firstToken, String[] password) {
        TestHttp http = new TestHttp(janes.port());
        String token = firstToken;
        int changed = 0;
        for (int i = 0; i < 6; i++) {
            String next = password[0].equals(FIRST_PASSWORD) ? SECOND_PASSWORD : FIRST_PASSWORD;
            HttpResponse<String> answer = http.changePassword(token, password[0], next);
            if (answer.statusCode() != 200) {
                break;
            }
            token = TestHttp.accessToken(answer);
            password[0] = next;
            changed++;
        }
        return changed;
    }

    /** Jane active, holding the admin role again, through the store (set-up, not under test). */
    private User resetJane() {
        User jane = admins.ports().users().findByUsername(new Username("jane")).orElseThrow();
        return admins.ports().users().change(jane.id(), stored -> stored.enable().withRole(Role.ADMIN)).orElseThrow();
    }

    private String currentPasswordOf(User jane) {
        return admins.ports().passwordHasher().verify(new PlainPassword(FIRST_PASSWORD), jane.passwordHash())
                ? FIRST_PASSWORD : SECOND_PASSWORD;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
