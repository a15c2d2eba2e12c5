package dev.gatehouse.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.in.LogInCommand;
import dev.gatehouse.application.port.in.LogInResult;
import dev.gatehouse.application.port.out.PasswordDirectory;
import dev.gatehouse.application.port.out.StoreUnavailableException;
import dev.gatehouse.application.port.out.ThrottleKey;
import dev.gatehouse.application.testing.FastPasswordHasher;
import dev.gatehouse.application.testing.InMemoryAccessTokens;
import dev.gatehouse.application.testing.InMemoryClientRegistry;
import dev.gatehouse.application.testing.InMemoryKnownDevices;
import dev.gatehouse.application.testing.InMemoryLoginThrottle;
import dev.gatehouse.application.testing.InMemoryPasswordDirectory;
import dev.gatehouse.application.testing.InMemoryRefreshTokens;
import dev.gatehouse.application.testing.InMemoryUserRepository;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.RecordingAuditLog;
import dev.gatehouse.domain.AccountBackoff;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.ClientBudget;
import dev.gatehouse.domain.DirectoryEntry;
import dev.gatehouse.domain.LoginProtection;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.ScopePolicy;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.time.Duration;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogInServiceTest {

    private static final ClientAddress HOME = new ClientAddress("192.0.2.10");
    private static final ClientAddress ATTACKER = new ClientAddress("198.51.100.66");
    private static final String DIRECTORY_PASSWORD = "dora's directory password";

    private final MutableClock clock = MutableClock.startingNow();
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final FastPasswordHasher hasher = new FastPasswordHasher();
    private final InMemoryAccessTokens tokens = new InMemoryAccessTokens(clock, Duration.ofMinutes(15));
    private final InMemoryRefreshTokens refreshTokens = new InMemoryRefreshTokens();
    private final InMemoryLoginThrottle throttle = new InMemoryLoginThrottle();
    private final InMemoryKnownDevices devices = new InMemoryKnownDevices();
    /** Keeps the password of "dora", an account of the directory (see {@link #addDirectoryAccount}). */
    private final InMemoryPasswordDirectory directory = new InMemoryPasswordDirectory();
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final LoginProtection protection = new LoginProtection(AccountBackoff.DEFAULT, new ClientBudget(5, Duration.ofMinutes(10)));
    private LogInService logIn;

    @BeforeEach
    void setUp() {
        users.add(User.register(new Username("johndoe"), hasher.hash(new PlainPassword("secret")), null, null, clock.instant()));
        logIn = serviceWith(hasher);
    }

    @Test
    void issues_a_token_and_a_device_credential_for_the_right_password() {
        LogInResult.LoggedIn loggedIn = assertInstanceOf(LogInResult.LoggedIn.class, logIn.logIn(command("johndoe", "secret")));

        assertEquals(new Username("johndoe"), tokens.verify(loggedIn.accessToken().value()).orElseThrow().subject());
        assertTrue(devices.recognise(loggedIn.knownDevice(), users.findByUsername(new Username("johndoe")).orElseThrow()).isPresent());
        assertEquals(List.of(AuditEvent.Type.LOGIN_SUCCEEDED), audit.types());
    }

    @Test
    void accepts_the_username_in_any_case() {
        assertInstanceOf(LogInResult.LoggedIn.class, logIn.logIn(command("JohnDoe", "secret")));
    }

    @Test
    void refuses_a_wrong_password_and_records_it() {
        assertInstanceOf(LogInResult.InvalidCredentials.class, logIn.logIn(command("johndoe", "Secret")));

        AuditEvent event = audit.events().getFirst();
        assertEquals(AuditEvent.Type.LOGIN_FAILED, event.type());
        assertEquals("johndoe", event.subject());
        assertEquals(HOME, event.client());
    }

    @Test
    void answers_unknown_users_and_disabled_accounts_exactly_like_a_wrong_password() {
        users.add(User.register(new Username("alice"), hasher.hash(new PlainPassword("secret2")), null, null, clock.instant()).disable());

        LogInResult wrongPassword = logIn.logIn(command("johndoe", "wrong"));
        assertEquals(wrongPassword, logIn.logIn(command("nobody", "secret")));
        assertEquals(wrongPassword, logIn.logIn(command("not a valid name!", "secret")));
        assertEquals(wrongPassword, logIn.logIn(command("alice", "secret2")));
    }

    @Test
    void spends_one_password_verification_on_every_unthrottled_path() {
        users.add(User.register(new Username("alice"), hasher.hash(new PlainPassword("secret2")), null, null, clock.instant()).disable());
        int before = hasher.verifications();

        logIn.logIn(command("johndoe", "secret"));
        logIn.logIn(command("johndoe", "wrong"));
        clock.advance(Duration.ofHours(2));
        logIn.logIn(command("nobody", "secret"));
        logIn.logIn(command("not a valid name!", "secret"));
        logIn.logIn(command("alice", "secret2"));

        assertEquals(5, hasher.verifications() - before);
    }

    @Test
    void backs_off_an_account_exponentially_without_spending_hashing_work_on_throttled_attempts() {
        logIn.logIn(command("johndoe", "guess-1"));
        int verificationsSoFar = hasher.verifications();

        clock.advance(Duration.ofMillis(500));
        LogInResult throttled = logIn.logIn(command("johndoe", "secret"));

        // The attempt while blocked is refused without counting: the block ends when it would have anyway.
        assertEquals(new LogInResult.Throttled(Duration.ofMillis(500)), throttled);
        assertEquals(verificationsSoFar, hasher.verifications());
        assertEquals(1, hasher.waits(), "waited like a verification instead");
        assertEquals(AuditEvent.Type.LOGIN_THROTTLED, audit.types().getLast());

        assertEquals(new LogInResult.Throttled(Duration.ofMillis(500)), logIn.logIn(command("johndoe", "secret")),
                "hammering does not lengthen the block");
        clock.advance(Duration.ofMillis(500));
        logIn.logIn(command("johndoe", "guess-2"));
        assertEquals(new LogInResult.Throttled(Duration.ofSeconds(2)), logIn.logIn(command("johndoe", "secret")));
        clock.advance(Duration.ofSeconds(2));
        logIn.logIn(command("johndoe", "guess-3"));
        assertEquals(new LogInResult.Throttled(Duration.ofSeconds(4)), logIn.logIn(command("johndoe", "secret")));
        clock.advance(Duration.ofSeconds(4));
        assertInstanceOf(LogInResult.LoggedIn.class, logIn.logIn(command("johndoe", "secret")));
    }

    @Test
    void throttles_names_that_do_not_exist_the_same_way() {
        logIn.logIn(command("nobody", "guess"));

        assertEquals(new LogInResult.Throttled(Duration.ofSeconds(1)), logIn.logIn(command("nobody", "guess")));
    }

    @Test
    void a_success_clears_the_account_backoff() {
        logIn.logIn(command("johndoe", "guess-1"));
        clock.advance(Duration.ofSeconds(1));
        logIn.logIn(command("johndoe", "secret"));

        assertEquals(0, throttle.attemptsOf(ThrottleKey.account(new Username("johndoe"))).count());
    }

    @Test
    void limits_failures_per_client_address_across_accounts() {
        for (int i = 0; i < 5; i++) {
            logIn.logIn(new LogInCommand("user" + i, new PlainPassword("guess"), Set.of(), ATTACKER, Optional.empty()));
        }

        LogInResult fromAttacker = logIn.logIn(new LogInCommand("user5", new PlainPassword("guess"), Set.of(), ATTACKER, Optional.empty()));

        assertEquals(new LogInResult.Throttled(Duration.ofMinutes(10)), fromAttacker);
        assertInstanceOf(LogInResult.LoggedIn.class, logIn.logIn(command("johndoe", "secret")));
    }

    @Test
    void lets_the_owner_in_from_a_known_device_while_an_attacker_has_the_account_throttled() {
        String device = assertInstanceOf(LogInResult.LoggedIn.class, logIn.logIn(command("johndoe", "secret"))).knownDevice();
        logIn.logIn(new LogInCommand("johndoe", new PlainPassword("guess"), Set.of(), ATTACKER, Optional.empty()));
        assertInstanceOf(LogInResult.Throttled.class, logIn.logIn(command("johndoe", "secret")));

        LogInResult owner = logIn.logIn(new LogInCommand("johndoe", new PlainPassword("secret"), Set.of(), HOME, Optional.of(device)));

        assertInstanceOf(LogInResult.LoggedIn.class, owner);
    }

    /**
     * The attack of issue 15: the check read the counters, the hash ran, the failure was counted afterwards, so 18
     * parallel guesses were all verified. Charged before verifying, one is, as one guess after another would be.
     */
    @Test
    void verifies_one_of_fifty_parallel_guesses_at_one_account() throws Exception {
        hasher.slowVerificationsTo(Duration.ofMillis(20));
        int before = hasher.verifications();

        List<LogInResult> results = inParallel(50, i -> new LogInCommand("johndoe", new PlainPassword("guess-" + i), Set.of(),
                new ClientAddress("203.0.113." + (i + 1)), Optional.empty()));

        assertEquals(1, hasher.verifications() - before, "verified guesses");
        assertEquals(1, results.stream().filter(LogInResult.InvalidCredentials.class::isInstance).count());
        assertEquals(49, results.stream().filter(LogInResult.Throttled.class::isInstance).count());
        assertEquals(1, throttle.attemptsOf(ThrottleKey.account(new Username("johndoe"))).count(), "refusals counted nothing");
    }

    @Test
    void lets_every_one_of_parallel_logins_with_the_right_password_in_one_after_another() throws Exception {
        hasher.slowVerificationsTo(Duration.ofMillis(5));

        List<LogInResult> results = inParallel(20, i -> command("johndoe", "secret"));

        assertEquals(20, results.stream().filter(LogInResult.LoggedIn.class::isInstance).count(), results.toString());
    }

    @Test
    void spends_no_more_of_a_client_budget_than_its_parallel_guesses_may_use() throws Exception {
        hasher.slowVerificationsTo(Duration.ofMillis(20));
        int before = hasher.verifications();

        // Fifty names from one address: the address's budget (5 here) bounds the verifications, not the names.
        inParallel(50, i -> new LogInCommand("name" + i, new PlainPassword("guess"), Set.of(), ATTACKER, Optional.empty()));

        assertEquals(5, hasher.verifications() - before, "verified guesses");
    }

    @Test
    void lets_the_owner_in_from_a_known_device_when_the_address_budget_is_spent_by_others() {
        String device = assertInstanceOf(LogInResult.LoggedIn.class, logIn.logIn(command("johndoe", "secret"))).knownDevice();
        for (int i = 0; i < 5; i++) {
            logIn.logIn(command("neighbour" + i, "guess")); // a NAT-mate's failures, from the same address
        }
        assertInstanceOf(LogInResult.Throttled.class, logIn.logIn(command("johndoe", "secret")), "no device: the address is spent");

        LogInResult owner = logIn.logIn(new LogInCommand("johndoe", new PlainPassword("secret"), Set.of(), HOME, Optional.of(device)));

        assertInstanceOf(LogInResult.LoggedIn.class, owner);
    }

    @Test
    void holds_a_known_device_to_its_own_backoff() {
        String device = assertInstanceOf(LogInResult.LoggedIn.class, logIn.logIn(command("johndoe", "secret"))).knownDevice();

        assertInstanceOf(LogInResult.InvalidCredentials.class,
                logIn.logIn(new LogInCommand("johndoe", new PlainPassword("typo"), Set.of(), HOME, Optional.of(device))));

        assertEquals(new LogInResult.Throttled(Duration.ofSeconds(1)),
                logIn.logIn(new LogInCommand("johndoe", new PlainPassword("secret"), Set.of(), HOME, Optional.of(device))));
        assertEquals(0, throttle.attemptsOf(ThrottleKey.account(new Username("johndoe"))).count(), "the account's key is untouched");
    }

    @Test
    void retires_device_credentials_when_the_password_changes() {
        String device = assertInstanceOf(LogInResult.LoggedIn.class, logIn.logIn(command("johndoe", "secret"))).knownDevice();
        User johndoe = users.findByUsername(new Username("johndoe")).orElseThrow();
        users.change(johndoe.id(), stored -> stored.changePassword(hasher.hash(new PlainPassword("secret"))));
        logIn.logIn(new LogInCommand("johndoe", new PlainPassword("guess"), Set.of(), ATTACKER, Optional.empty()));

        LogInResult withOldDevice = logIn.logIn(new LogInCommand("johndoe", new PlainPassword("secret"), Set.of(), HOME, Optional.of(device)));

        assertInstanceOf(LogInResult.Throttled.class, withOldDevice, "the old device credential no longer passes the account's backoff");
    }

    private List<LogInResult> inParallel(int attempts, java.util.function.IntFunction<LogInCommand> command) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<LogInResult>> futures = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                LogInCommand each = command.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return logIn.logIn(each);
                }));
            }
            start.countDown();
            List<LogInResult> results = new ArrayList<>();
            for (Future<LogInResult> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void ignores_a_device_credential_of_another_user() {
        users.add(User.register(new Username("mallory"), hasher.hash(new PlainPassword("mallory-pw")), null, null, clock.instant()));
        String mallorysDevice = assertInstanceOf(LogInResult.LoggedIn.class, logIn.logIn(command("mallory", "mallory-pw"))).knownDevice();
        logIn.logIn(command("johndoe", "guess"));

        LogInResult result = logIn.logIn(new LogInCommand("johndoe", new PlainPassword("guess-2"), Set.of(), HOME, Optional.of(mallorysDevice)));

        assertInstanceOf(LogInResult.Throttled.class, result);
    }

    @Test
    void stores_a_fresh_hash_when_the_stored_one_is_outdated() {
        FastPasswordHasher stronger = new FastPasswordHasher(2);
        LogInService upgraded = serviceWith(stronger);
        PasswordHash old = users.findByUsername(new Username("johndoe")).orElseThrow().passwordHash();

        assertInstanceOf(LogInResult.LoggedIn.class, upgraded.logIn(command("johndoe", "secret")));

        PasswordHash now = users.findByUsername(new Username("johndoe")).orElseThrow().passwordHash();
        assertNotEquals(old, now);
        assertTrue(now.encoded().contains("c=2"));
        assertTrue(audit.types().contains(AuditEvent.Type.PASSWORD_REHASHED));
        assertInstanceOf(LogInResult.LoggedIn.class, upgraded.logIn(command("johndoe", "secret")));
        assertEquals(now, users.findByUsername(new Username("johndoe")).orElseThrow().passwordHash());
    }

    @Test
    void turns_a_login_away_when_hashing_is_at_capacity() {
        hasher.saturate();

        assertEquals(new LogInResult.Overloaded(Duration.ofSeconds(1)), logIn.logIn(command("johndoe", "secret")));
        assertEquals(List.of(AuditEvent.Type.FLOOD_REJECTED), audit.types());
        assertEquals(0, throttle.attemptsOf(ThrottleKey.account(new Username("johndoe"))).count(), "not counted as a failure");
    }

    @Test
    void never_grants_a_scope_just_because_it_was_requested() {
        LogInResult result = logIn.logIn(withScopes("johndoe", "admin", "anything"));

        assertTrue(assertInstanceOf(LogInResult.LoggedIn.class, result).accessToken().scopes().isEmpty());
    }

    @Test
    void grants_the_requested_scopes_the_user_s_roles_allow() {
        users.change(users.findByUsername(new Username("johndoe")).orElseThrow().id(), stored -> stored.withRole(Role.ADMIN));

        LogInResult.LoggedIn admin = assertInstanceOf(LogInResult.LoggedIn.class,
                logIn.logIn(withScopes("johndoe", "items", "admin", "me", "root")));
        assertEquals(Set.of(new Scope("items"), ScopePolicy.ADMIN, new Scope("me")), admin.accessToken().scopes());
        assertEquals(Set.of(), assertInstanceOf(LogInResult.LoggedIn.class, logIn.logIn(command("johndoe", "secret")))
                .accessToken().scopes(), "nothing asked, nothing granted");
    }

    @Test
    void a_failed_login_that_matches_no_account_does_not_store_what_was_typed_as_the_username() {
        // A password typed into the username field: the trail must not keep it.
        assertInstanceOf(LogInResult.InvalidCredentials.class, logIn.logIn(command("Tr0ub4dor3", "johndoe")));
        assertInstanceOf(LogInResult.InvalidCredentials.class, logIn.logIn(command("not a valid name!", "secret")));

        assertEquals(List.of(FailedLoginEvent.UNKNOWN_ACCOUNT, FailedLoginEvent.UNKNOWN_ACCOUNT),
                audit.events().stream().map(AuditEvent::subject).toList());
        assertTrue(audit.events().stream().noneMatch(event -> event.toString().contains("Tr0ub4dor3")));
    }

    @Test
    void a_failed_login_for_an_account_names_the_account_as_stored() {
        assertInstanceOf(LogInResult.InvalidCredentials.class, logIn.logIn(command("JohnDoe", "wrong")));

        assertEquals("johndoe", audit.events().getFirst().subject());
    }

    @Test
    void logs_in_an_account_of_the_directory_by_one_bind_without_asking_the_hasher_or_rehashing() {
        User dora = addDirectoryAccount();
        // A hasher whose every hash is outdated: an ordinary account would be rehashed on this login.
        FastPasswordHasher stronger = new FastPasswordHasher(2);
        LogInService withStronger = serviceWith(stronger);
        int verifications = stronger.verifications();
        int hashes = stronger.hashes();

        LogInResult.LoggedIn loggedIn = assertInstanceOf(LogInResult.LoggedIn.class, withStronger.logIn(command("dora", DIRECTORY_PASSWORD)));

        assertEquals(new Username("dora"), tokens.verify(loggedIn.accessToken().value()).orElseThrow().subject());
        assertEquals(1, directory.binds());
        assertEquals(verifications, stronger.verifications(), "the hasher verified nothing");
        assertEquals(hashes, stronger.hashes(), "and hashed nothing");
        assertEquals(dora.passwordHash(), users.findByUsername(new Username("dora")).orElseThrow().passwordHash(), "still the directory's");
        assertEquals(List.of(AuditEvent.Type.LOGIN_SUCCEEDED), audit.types());
    }

    @Test
    void refuses_a_wrong_directory_password_like_any_wrong_password_and_backs_the_account_off() {
        addDirectoryAccount();
        LogInResult wrongOrdinaryPassword = logIn.logIn(new LogInCommand("johndoe", new PlainPassword("wrong"), Set.of(),
                new ClientAddress("192.0.2.99"), Optional.empty()));
        int verifications = hasher.verifications();

        assertEquals(wrongOrdinaryPassword, logIn.logIn(command("dora", "a guess")));

        assertEquals(AuditEvent.Type.LOGIN_FAILED, audit.types().getLast());
        assertEquals("dora", audit.events().getLast().subject());
        assertEquals(1, throttle.attemptsOf(ThrottleKey.account(new Username("dora"))).count(), "counted");
        assertEquals(verifications, hasher.verifications());
        assertEquals(new LogInResult.Throttled(Duration.ofSeconds(1)), logIn.logIn(command("dora", DIRECTORY_PASSWORD)));
        assertEquals(1, directory.binds(), "a throttled attempt asks the directory nothing");
        clock.advance(Duration.ofSeconds(1));
        assertInstanceOf(LogInResult.LoggedIn.class, logIn.logIn(command("dora", DIRECTORY_PASSWORD)));
    }

    @Test
    void a_disabled_account_of_the_directory_is_refused_after_its_one_bind_like_any_disabled_account() {
        User dora = addDirectoryAccount();
        users.change(dora.id(), User::disable);

        assertEquals(new LogInResult.InvalidCredentials(), logIn.logIn(command("dora", DIRECTORY_PASSWORD)));
        assertEquals(1, directory.binds());
    }

    @Test
    void ordinary_accounts_and_unknown_names_never_reach_the_directory() {
        addDirectoryAccount();
        users.add(User.register(new Username("alice"), hasher.hash(new PlainPassword("secret2")), null, null, clock.instant()).disable());
        int before = hasher.verifications();

        assertInstanceOf(LogInResult.LoggedIn.class, logIn.logIn(command("johndoe", "secret")));
        logIn.logIn(command("johndoe", "wrong"));
        clock.advance(Duration.ofHours(2));
        logIn.logIn(command("nobody", DIRECTORY_PASSWORD));
        logIn.logIn(command("not a valid name!", DIRECTORY_PASSWORD));
        logIn.logIn(command("alice", "secret2"));
        logIn.logIn(command("dora2", DIRECTORY_PASSWORD));

        assertEquals(0, directory.binds());
        assertEquals(6, hasher.verifications() - before, "one verification each, as before");
    }

    @Test
    void an_unreachable_directory_fails_the_login_as_a_store_that_is_down_and_counts_no_failure() {
        addDirectoryAccount();
        directory.goDown();

        assertThrows(StoreUnavailableException.class, () -> logIn.logIn(command("dora", DIRECTORY_PASSWORD)));
        assertThrows(StoreUnavailableException.class, () -> logIn.logIn(command("dora", "a guess")));

        assertEquals(0, throttle.attemptsOf(ThrottleKey.account(new Username("dora"))).count(), "the attempts were refunded");
        assertEquals(0, throttle.attemptsOf(ThrottleKey.client(HOME)).count());
        assertTrue(audit.types().isEmpty(), "nothing happened to the account: " + audit.types());
        directory.comeBack();
        assertInstanceOf(LogInResult.LoggedIn.class, logIn.logIn(command("dora", DIRECTORY_PASSWORD)), "no backoff to wait out");
        assertInstanceOf(LogInResult.LoggedIn.class, logIn.logIn(command("johndoe", "secret")));
    }

    @Test
    void without_a_directory_an_account_that_refers_to_one_finds_its_store_unavailable() {
        addDirectoryAccount();
        LogInService withoutDirectory = serviceWith(hasher, PasswordDirectory.none());

        assertThrows(StoreUnavailableException.class, () -> withoutDirectory.logIn(command("dora", DIRECTORY_PASSWORD)));

        assertEquals(0, throttle.attemptsOf(ThrottleKey.account(new Username("dora"))).count());
        assertInstanceOf(LogInResult.LoggedIn.class, withoutDirectory.logIn(command("johndoe", "secret")));
    }

    /** As {@link #verifies_one_of_fifty_parallel_guesses_at_one_account}: the charge comes before the bind too. */
    @Test
    void binds_one_of_fifty_parallel_guesses_at_an_account_of_the_directory() throws Exception {
        addDirectoryAccount();
        directory.slowBindsTo(Duration.ofMillis(20));

        List<LogInResult> results = inParallel(50, i -> new LogInCommand("dora", new PlainPassword("guess-" + i), Set.of(),
                new ClientAddress("203.0.113." + (i + 1)), Optional.empty()));

        assertEquals(1, directory.binds(), "bound guesses");
        assertEquals(1, results.stream().filter(LogInResult.InvalidCredentials.class::isInstance).count());
        assertEquals(49, results.stream().filter(LogInResult.Throttled.class::isInstance).count());
    }

    private static LogInCommand withScopes(String username, String... scopes) {
        return new LogInCommand(username, new PlainPassword("secret"),
                Arrays.stream(scopes).map(Scope::new).collect(Collectors.toCollection(LinkedHashSet::new)), HOME, Optional.empty());
    }

    private LogInService serviceWith(FastPasswordHasher passwordHasher) {
        return serviceWith(passwordHasher, directory);
    }

    private LogInService serviceWith(FastPasswordHasher passwordHasher, PasswordDirectory passwordDirectory) {
        return new LogInService(users, passwordHasher, passwordDirectory, tokens, refreshTokens, throttle, devices, audit, protection,
                ScopePolicy.DEFAULT, new InMemoryClientRegistry(), clock);
    }

    /** "dora", whose password the directory keeps: the account holds no hash, only the directory entry. */
    private User addDirectoryAccount() {
        DirectoryEntry entry = new DirectoryEntry("dora");
        directory.add(entry, new PlainPassword(DIRECTORY_PASSWORD));
        User dora = User.register(new Username("dora"), PasswordHash.inDirectory(entry), null, null, clock.instant());
        users.add(dora);
        return dora;
    }

    private static LogInCommand command(String username, String password) {
        return new LogInCommand(username, new PlainPassword(password), Set.of(), HOME, Optional.empty());
    }
}
