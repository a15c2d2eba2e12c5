package dev.gatehouse.adapter.out.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatehouse.application.assembly.DrivenPorts;
import dev.gatehouse.application.assembly.Policies;
import dev.gatehouse.application.service.UseCases;
import dev.gatehouse.application.port.in.ChangePasswordCommand;
import dev.gatehouse.application.port.in.ChangePasswordResult;
import dev.gatehouse.application.port.in.CurrentUserQuery;
import dev.gatehouse.application.port.in.CurrentUserResult;
import dev.gatehouse.application.port.in.LogInCommand;
import dev.gatehouse.application.port.in.LogInResult;
import dev.gatehouse.application.port.out.PasswordDirectory;
import dev.gatehouse.application.port.out.StoreUnavailableException;
import dev.gatehouse.application.port.out.ThrottleKey;
import dev.gatehouse.application.testing.FastPasswordHasher;
import dev.gatehouse.application.testing.InMemoryDrivenPorts;
import dev.gatehouse.application.testing.InMemoryLoginThrottle;
import dev.gatehouse.application.testing.InMemoryUserRepository;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.RecordingAuditLog;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.DirectoryEntry;
import dev.gatehouse.domain.LoginProtection;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.RefreshPolicy;
import dev.gatehouse.domain.Retention;
import dev.gatehouse.domain.ScopePolicy;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The LDAP adapter wired as bootstrap wires a driven adapter, into the one assembly of the use cases, beside
 * in-memory stores: an account whose password the directory keeps logs in by a bind over LDAP, under the same
 * throttle as every account, and cannot change its password through Gatehouse.
 */
class DirectoryLoginIT {

    private static final String PEOPLE = "ou=people,dc=example,dc=org";
    private static final ClientAddress CLIENT = new ClientAddress("192.0.2.10");
    private static final String DORAS = "dora's directory password";

    private final TinyLdapServer server = TinyLdapServer.start().add("uid=dora," + PEOPLE, DORAS);
    private final MutableClock clock = MutableClock.startingNow();
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final FastPasswordHasher hasher = new FastPasswordHasher();
    private final InMemoryLoginThrottle throttle = new InMemoryLoginThrottle();
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final UseCases useCases = assemble(new LdapPasswordDirectory(server.url(), "uid", PEOPLE, Duration.ofSeconds(5)));

    private UseCases assemble(PasswordDirectory directory) {
        DrivenPorts ports = InMemoryDrivenPorts.builder(users, hasher, clock)
                .passwordDirectory(directory)
                .loginThrottle(throttle)
                .auditLog(audit)
                .build();
        Policies policies = new Policies(LoginProtection.DEFAULT, ScopePolicy.DEFAULT, RefreshPolicy.DEFAULT,
                new Retention(Duration.ofDays(1), Duration.ofDays(30), Duration.ofMinutes(1), Duration.ofDays(365)), Optional.empty());
        return new UseCases(ports, policies);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void an_account_of_the_directory_logs_in_with_the_directory_s_password() {
        users.add(User.register(new Username("dora"), PasswordHash.inDirectory(new DirectoryEntry("dora")), null, null, clock.instant()));

        LogInResult result = useCases.logIn().logIn(logIn("dora", DORAS));

        String token = assertInstanceOf(LogInResult.LoggedIn.class, result).accessToken().value();
        CurrentUserResult me = useCases.currentUser().currentUser(new CurrentUserQuery(token));
        assertEquals(new Username("dora"), assertInstanceOf(CurrentUserResult.Authenticated.class, me).user().username());
        assertEquals(1, server.binds());
        assertEquals(0, hasher.verifications());
    }

    @Test
    void a_wrong_password_is_refused_by_the_directory_and_counted_by_the_throttle() {
        users.add(User.register(new Username("dora"), PasswordHash.inDirectory(new DirectoryEntry("dora")), null, null, clock.instant()));

        assertEquals(new LogInResult.InvalidCredentials(), useCases.logIn().logIn(logIn("dora", "a guess")));

        assertEquals(1, throttle.attemptsOf(ThrottleKey.account(new Username("dora"))).count());
        assertEquals(AuditEvent.Type.LOGIN_FAILED, audit.types().getLast());
        assertInstanceOf(LogInResult.Throttled.class, useCases.logIn().logIn(logIn("dora", DORAS)), "backed off, as any account");
        assertEquals(1, server.binds(), "the throttled attempt never reached the directory");
    }

    @Test
    void a_directory_that_is_down_fails_the_login_as_a_store_that_is_down() {
        users.add(User.register(new Username("dora"), PasswordHash.inDirectory(new DirectoryEntry("dora")), null, null, clock.instant()));
        server.close();

        // The web adapter answers this exception with 503 and Retry-After, as for a database that is down.
        assertThrows(StoreUnavailableException.class, () -> useCases.logIn().logIn(logIn("dora", DORAS)));
        assertEquals(0, throttle.attemptsOf(ThrottleKey.account(new Username("dora"))).count(), "not counted as a failure");
    }

    @Test
    void the_password_is_changed_in_the_directory_not_here() {
        users.add(User.register(new Username("dora"), PasswordHash.inDirectory(new DirectoryEntry("dora")), null, null, clock.instant()));
        String token = assertInstanceOf(LogInResult.LoggedIn.class, useCases.logIn().logIn(logIn("dora", DORAS))).accessToken().value();

        ChangePasswordResult result = useCases.changePassword().changePassword(new ChangePasswordCommand(token,
                new PlainPassword(DORAS), new PlainPassword("a brand new passphrase"), CLIENT));

        assertEquals(new ChangePasswordResult.PasswordInDirectory(), result);
        assertEquals(1, server.binds(), "the login's bind only");
    }

    @Test
    void an_ordinary_account_beside_them_logs_in_with_its_hash_and_never_reaches_the_directory() {
        users.add(User.register(new Username("johndoe"), hasher.hash(new PlainPassword("secret-password")), null, null, clock.instant()));

        assertInstanceOf(LogInResult.LoggedIn.class, useCases.logIn().logIn(logIn("johndoe", "secret-password")));
        assertEquals(new LogInResult.InvalidCredentials(), useCases.logIn().logIn(logIn("nobody", DORAS)));

        assertEquals(0, server.binds());
    }

    private static LogInCommand logIn(String username, String password) {
        return new LogInCommand(username, new PlainPassword(password), Set.of(), CLIENT, Optional.empty());
    }
}
