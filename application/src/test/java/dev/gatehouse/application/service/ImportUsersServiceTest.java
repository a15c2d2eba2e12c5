package dev.gatehouse.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.in.ImportUserCommand;
import dev.gatehouse.application.port.in.ImportUserResult;
import dev.gatehouse.application.port.in.LogInCommand;
import dev.gatehouse.application.port.in.LogInResult;
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
import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.FullName;
import dev.gatehouse.domain.LoginProtection;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.ScopePolicy;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Importing accounts with foreign hashes: stored once, identical re-runs change nothing, a dry run writes nothing,
 * and what the hasher cannot verify within its bounds, unknown roles and a directory reference are refused. The
 * first login rehashes to the configured hasher, conditionally, so a password change meanwhile is not undone.
 */
class ImportUsersServiceTest {

    private final MutableClock clock = MutableClock.startingNow();
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    /** The "foreign" system's hasher: cost 1, which the configured cost-2 hasher verifies but would replace. */
    private final FastPasswordHasher foreign = new FastPasswordHasher(1);
    private final FastPasswordHasher configured = new FastPasswordHasher(2);
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final ImportUsersService importUsers = new ImportUsersService(users, configured, ScopePolicy.DEFAULT, audit, clock);

    @Test
    void imports_an_account_with_its_profile_roles_and_foreign_hash_and_audits_it_as_the_console() {
        PasswordHash hash = foreign.hash(new PlainPassword("old password"));

        ImportUserResult result = importUsers.importUser(alice(hash, false));

        assertEquals(new ImportUserResult.Imported(new Username("alice"), true), result);
        User stored = users.findByUsername(new Username("alice")).orElseThrow();
        assertEquals(hash, stored.passwordHash());
        assertEquals(Optional.of(new EmailAddress("alice@example.com")), stored.email());
        assertEquals(Optional.of(new FullName("Alice Liddell")), stored.fullName());
        assertEquals(Set.of(Role.ADMIN), stored.roles());
        assertTrue(stored.isDisabled());
        AuditEvent event = audit.events().getFirst();
        assertEquals(AuditEvent.Type.USER_IMPORTED, event.type());
        assertEquals("alice", event.subject());
        assertEquals(AuditEvent.CONSOLE, event.actor());
    }

    @Test
    void importing_the_same_account_again_changes_nothing() {
        PasswordHash hash = foreign.hash(new PlainPassword("old password"));
        importUsers.importUser(alice(hash, false));
        User first = users.findByUsername(new Username("alice")).orElseThrow();

        assertEquals(new ImportUserResult.AlreadyPresent(new Username("alice")), importUsers.importUser(alice(hash, false)));
        assertEquals(new ImportUserResult.AlreadyPresent(new Username("alice")), importUsers.importUser(alice(hash, true)));

        assertEquals(first, users.findByUsername(new Username("alice")).orElseThrow());
        assertEquals(1, audit.events().size());
    }

    @Test
    void refuses_an_account_whose_name_is_taken_by_a_different_one_and_leaves_that_one_alone() {
        User existing = User.register(new Username("Alice"), configured.hash(new PlainPassword("her own")), null, null, clock.instant());
        users.add(existing);

        ImportUserResult.Refused refused = assertInstanceOf(ImportUserResult.Refused.class,
                importUsers.importUser(alice(foreign.hash(new PlainPassword("old password")), false)));

        assertTrue(refused.reason().contains("differs in the name's case, email, full name, disabled, roles, password hash"),
                refused.reason());
        assertEquals(existing, users.findByUsername(new Username("alice")).orElseThrow());
        assertEquals(List.of(), audit.events());
    }

    @Test
    void a_dry_run_answers_what_an_import_would_do_and_writes_nothing() {
        PasswordHash hash = foreign.hash(new PlainPassword("old password"));

        assertEquals(new ImportUserResult.Imported(new Username("alice"), false), importUsers.importUser(alice(hash, true)));
        assertInstanceOf(ImportUserResult.Refused.class, importUsers.importUser(new ImportUserCommand(new Username("bob"),
                Optional.empty(), Optional.empty(), false, Set.of(new Role("wizard")), hash, true)));

        assertTrue(users.findByUsername(new Username("alice")).isEmpty());
        assertEquals(List.of(), audit.events());
    }

    @Test
    void refuses_a_hash_the_hasher_would_not_verify_a_directory_reference_and_an_unknown_role() {
        PasswordHash hash = foreign.hash(new PlainPassword("old password"));

        ImportUserResult.Refused unknownHash = assertInstanceOf(ImportUserResult.Refused.class,
                importUsers.importUser(bob(new PasswordHash("$md5$abc"), Set.of())));
        ImportUserResult.Refused directory = assertInstanceOf(ImportUserResult.Refused.class,
                importUsers.importUser(bob(PasswordHash.inDirectory(new DirectoryEntry("root")), Set.of())));
        ImportUserResult.Refused role = assertInstanceOf(ImportUserResult.Refused.class,
                importUsers.importUser(bob(hash, Set.of(new Role("wizard"), Role.ADMIN))));

        assertTrue(unknownHash.reason().startsWith("password hash: "), unknownHash.reason());
        assertTrue(directory.reason().contains("directory reference"), directory.reason());
        assertEquals("unknown role wizard (GATEHOUSE_ROLE_SCOPES names admin)", role.reason());
        assertTrue(users.findByUsername(new Username("bob")).isEmpty());
        assertEquals(List.of(), audit.events());
    }

    @Test
    void the_first_login_rehashes_to_the_configured_hasher_and_a_password_change_meanwhile_is_not_undone() {
        importUsers.importUser(bob(foreign.hash(new PlainPassword("old password")), Set.of()));
        LogInService logIn = logIn();
        // While the login computes the new hash, the password is changed (an administrator, a reset link).
        PasswordHash changed = configured.hash(new PlainPassword("brand new password"));
        configured.onNextHash(() -> {
            User bob = users.findByUsername(new Username("bob")).orElseThrow();
            users.change(bob.id(), user -> user.changePassword(changed));
        });

        assertInstanceOf(LogInResult.LoggedIn.class, logIn.logIn(command("bob", "old password")));

        assertEquals(changed, users.findByUsername(new Username("bob")).orElseThrow().passwordHash(), "the change stands");
        assertTrue(audit.types().stream().noneMatch(type -> type == AuditEvent.Type.PASSWORD_REHASHED));
    }

    @Test
    void without_a_race_the_first_login_stores_a_hash_of_the_configured_hasher() {
        importUsers.importUser(bob(foreign.hash(new PlainPassword("old password")), Set.of()));

        assertInstanceOf(LogInResult.LoggedIn.class, logIn().logIn(command("bob", "old password")));

        PasswordHash now = users.findByUsername(new Username("bob")).orElseThrow().passwordHash();
        assertTrue(now.encoded().contains("c=2"), now.encoded());
        assertTrue(audit.types().contains(AuditEvent.Type.PASSWORD_REHASHED));
    }

    private LogInService logIn() {
        return new LogInService(users, configured, new InMemoryPasswordDirectory(), new InMemoryAccessTokens(clock, Duration.ofMinutes(15)),
                new InMemoryRefreshTokens(), new InMemoryLoginThrottle(), new InMemoryKnownDevices(), audit,
                new LoginProtection(AccountBackoff.DEFAULT, new ClientBudget(5, Duration.ofMinutes(10))), ScopePolicy.DEFAULT,
                new InMemoryClientRegistry(), clock);
    }

    private static ImportUserCommand alice(PasswordHash hash, boolean dryRun) {
        return new ImportUserCommand(new Username("alice"), Optional.of(new EmailAddress("alice@example.com")),
                Optional.of(new FullName("Alice Liddell")), true, Set.of(Role.ADMIN), hash, dryRun);
    }

    private static ImportUserCommand bob(PasswordHash hash, Set<Role> roles) {
        return new ImportUserCommand(new Username("bob"), Optional.empty(), Optional.empty(), false, roles, hash, false);
    }

    private static LogInCommand command(String username, String password) {
        return new LogInCommand(username, new PlainPassword(password), Set.of(), new ClientAddress("192.0.2.10"), Optional.empty());
    }
}
