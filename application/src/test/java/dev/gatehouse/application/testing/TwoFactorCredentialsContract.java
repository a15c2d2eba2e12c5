package dev.gatehouse.application.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.TwoFactorCredentials;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.RecoveryCodeHash;
import dev.gatehouse.domain.TotpSecret;
import dev.gatehouse.domain.TwoFactorEnrolment;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TwoFactorCredentials} adapter must do: keep a pending then active second factor with its secret
 * intact, accept each time step once and each recovery code once, also when many try at once on two instances.
 * Extend it and return the adapter and the users over one empty storage.
 */
public abstract class TwoFactorCredentialsContract {

    /** The store under test and the users its enrolments belong to, over one storage. */
    public record Stores(TwoFactorCredentials credentials, UserRepository users) {
    }

    protected static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    private static final int PARALLEL = 16;

    private TwoFactorCredentials credentials;
    private User jane;
    private User john;

    protected abstract Stores newEmptyStores();

    /** The store of a second instance over the same storage as the last {@link #newEmptyStores()}. */
    protected TwoFactorCredentials anotherInstance() {
        return credentials;
    }

    @BeforeEach
    void create() {
        Stores stores = newEmptyStores();
        credentials = stores.credentials();
        jane = User.register(new Username("jane"), new PasswordHash("$test$jane"), null, null, T0);
        john = User.register(new Username("john"), new PasswordHash("$test$john"), null, null, T0);
        stores.users().add(jane);
        stores.users().add(john);
    }

    @Test
    void finds_nothing_for_a_user_who_never_enrolled() {
        assertEquals(Optional.empty(), credentials.find(jane.id()));
        assertFalse(credentials.acceptStep(jane.id(), 1));
        assertFalse(credentials.remove(jane.id()));
        assertEquals(0, credentials.recoveryCodesLeft(jane.id()));
    }

    @Test
    void keeps_a_pending_enrolment_with_its_secret_intact() {
        TwoFactorEnrolment pending = TwoFactorEnrolment.start(jane.id(), aSecret(), T0);

        assertTrue(credentials.startEnrolment(pending));

        assertEquals(Optional.of(pending), credentials.find(jane.id()));
        assertEquals(Optional.of(pending), anotherInstance().find(jane.id()));
        assertEquals(Optional.empty(), credentials.find(john.id()));
    }

    @Test
    void a_new_start_replaces_a_pending_enrolment_but_not_an_active_one() {
        TwoFactorEnrolment first = TwoFactorEnrolment.start(jane.id(), aSecret(), T0);
        TwoFactorEnrolment second = TwoFactorEnrolment.start(jane.id(), aSecret(), T0);
        credentials.startEnrolment(first);

        assertTrue(credentials.startEnrolment(second));
        assertEquals(Optional.of(second), credentials.find(jane.id()));
        // A confirmation of the replaced secret must not activate the new one.
        assertFalse(credentials.activate(jane.id(), first.id(), 10, codes(10)));

        assertTrue(credentials.activate(jane.id(), second.id(), 10, codes(10)));
        assertFalse(credentials.startEnrolment(TwoFactorEnrolment.start(jane.id(), aSecret(), T0)));
        TwoFactorEnrolment active = credentials.find(jane.id()).orElseThrow();
        assertTrue(active.active());
        assertEquals(second.secret(), active.secret());
        assertEquals(10, active.lastUsedStep());
    }

    @Test
    void activates_a_pending_enrolment_once_with_its_recovery_codes() {
        TwoFactorEnrolment pending = TwoFactorEnrolment.start(jane.id(), aSecret(), T0);
        credentials.startEnrolment(pending);

        assertTrue(credentials.activate(jane.id(), pending.id(), 100, codes(10)));

        assertFalse(credentials.activate(jane.id(), pending.id(), 101, codes(10)));
        assertEquals(10, credentials.recoveryCodesLeft(jane.id()));
        assertFalse(credentials.activate(jane.id(), UUID.randomUUID(), 100, codes(1)));
    }

    @Test
    void accepts_each_time_step_once_and_never_an_earlier_one() {
        activeFor(jane, 100, codes(1));

        assertFalse(credentials.acceptStep(jane.id(), 100));
        assertTrue(credentials.acceptStep(jane.id(), 101));
        assertFalse(credentials.acceptStep(jane.id(), 101));
        assertFalse(anotherInstance().acceptStep(jane.id(), 101));
        assertFalse(credentials.acceptStep(jane.id(), 99));
        assertTrue(anotherInstance().acceptStep(jane.id(), 103));
        assertEquals(103, credentials.find(jane.id()).orElseThrow().lastUsedStep());
        assertFalse(credentials.acceptStep(john.id(), 200));
    }

    @Test
    void a_pending_enrolment_accepts_no_step() {
        credentials.startEnrolment(TwoFactorEnrolment.start(jane.id(), aSecret(), T0));

        assertFalse(credentials.acceptStep(jane.id(), 5));
    }

    @Test
    void lets_exactly_one_of_many_parallel_uses_of_one_time_step_win_across_two_instances() throws Exception {
        activeFor(jane, 100, codes(1));
        TwoFactorCredentials other = anotherInstance();

        int won = race(i -> (i % 2 == 0 ? credentials : other).acceptStep(jane.id(), 101));

        assertEquals(1, won);
    }

    @Test
    void uses_each_recovery_code_once() {
        List<RecoveryCodeHash> codes = codes(10);
        activeFor(jane, 100, codes);

        assertTrue(credentials.useRecoveryCode(jane.id(), codes.get(3)));
        assertFalse(anotherInstance().useRecoveryCode(jane.id(), codes.get(3)));
        assertFalse(credentials.useRecoveryCode(john.id(), codes.get(4)));
        assertFalse(credentials.useRecoveryCode(jane.id(), codes(1).get(0)));
        assertEquals(9, credentials.recoveryCodesLeft(jane.id()));
    }

    @Test
    void lets_exactly_one_of_many_parallel_uses_of_a_recovery_code_win_across_two_instances() throws Exception {
        List<RecoveryCodeHash> codes = codes(10);
        activeFor(jane, 100, codes);
        TwoFactorCredentials other = anotherInstance();

        int won = race(i -> (i % 2 == 0 ? credentials : other).useRecoveryCode(jane.id(), codes.get(0)));

        assertEquals(1, won);
        assertEquals(9, credentials.recoveryCodesLeft(jane.id()));
    }

    @Test
    void new_recovery_codes_replace_the_old_ones() {
        List<RecoveryCodeHash> old = codes(10);
        activeFor(jane, 100, old);
        List<RecoveryCodeHash> fresh = codes(10);

        assertTrue(credentials.replaceRecoveryCodes(jane.id(), fresh));

        assertFalse(credentials.useRecoveryCode(jane.id(), old.get(0)));
        assertTrue(credentials.useRecoveryCode(jane.id(), fresh.get(0)));
        assertFalse(credentials.replaceRecoveryCodes(john.id(), codes(10)));
    }

    @Test
    void removing_takes_the_secret_and_the_recovery_codes() {
        List<RecoveryCodeHash> codes = codes(10);
        activeFor(jane, 100, codes);

        assertTrue(credentials.remove(jane.id()));

        assertEquals(Optional.empty(), anotherInstance().find(jane.id()));
        assertFalse(credentials.useRecoveryCode(jane.id(), codes.get(0)));
        assertEquals(0, credentials.recoveryCodesLeft(jane.id()));
        assertTrue(credentials.startEnrolment(TwoFactorEnrolment.start(jane.id(), aSecret(), T0)));
    }

    private void activeFor(User user, long step, List<RecoveryCodeHash> codes) {
        TwoFactorEnrolment pending = TwoFactorEnrolment.start(user.id(), aSecret(), T0);
        assertTrue(credentials.startEnrolment(pending));
        assertTrue(credentials.activate(user.id(), pending.id(), step, codes));
    }

    /** Runs {@code attempt} {@value #PARALLEL} times at once; how many answered true. */
    private static int race(java.util.function.IntPredicate attempt) throws Exception {
        return Races.winners(PARALLEL, attempt);
    }

    protected static TotpSecret aSecret() {
        return TotpSecret.generate(new SecureRandom());
    }

    protected static List<RecoveryCodeHash> codes(int count) {
        List<RecoveryCodeHash> codes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] bytes = new byte[32];
            ThreadLocalRandom.current().nextBytes(bytes);
            codes.add(new RecoveryCodeHash(HexFormat.of().formatHex(bytes)));
        }
        return codes;
    }
}
