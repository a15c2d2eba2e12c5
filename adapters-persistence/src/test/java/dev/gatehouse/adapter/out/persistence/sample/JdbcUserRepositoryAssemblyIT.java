package dev.gatehouse.adapter.out.persistence.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.gatehouse.adapter.out.persistence.Database;
import dev.gatehouse.adapter.out.persistence.TestDatabases;
import dev.gatehouse.application.assembly.DrivenPorts;
import dev.gatehouse.application.assembly.Policies;
import dev.gatehouse.application.service.UseCases;
import dev.gatehouse.application.port.in.CurrentUserQuery;
import dev.gatehouse.application.port.in.CurrentUserResult;
import dev.gatehouse.application.port.in.LogInCommand;
import dev.gatehouse.application.port.in.LogInResult;
import dev.gatehouse.application.port.in.RegisterUserCommand;
import dev.gatehouse.application.port.in.RegisterUserResult;
import dev.gatehouse.application.testing.FastPasswordHasher;
import dev.gatehouse.application.testing.InMemoryDrivenPorts;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.LoginProtection;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.RefreshPolicy;
import dev.gatehouse.domain.Retention;
import dev.gatehouse.domain.ScopePolicy;
import dev.gatehouse.domain.Username;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The JDBC sample wired into the one assembly as docs/extending.md's step 5 wires it: registration, log-in and
 * the current user go through it; every other driven port is an in-memory fake.
 */
class JdbcUserRepositoryAssemblyIT {

    private static final PlainPassword PASSWORD = new PlainPassword("correct horse battery staple");

    @Test
    void the_use_cases_register_log_in_and_read_the_user_through_the_jdbc_store() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
        try (Database database = Database.open(TestDatabases.freshH2())) {
            JdbcUserRepository users = new JdbcUserRepository(database.dataSource());
            FastPasswordHasher hasher = new FastPasswordHasher();
            // The store twice, as users and cachedUsers: with no cache of its own, the token check reads the store itself.
            DrivenPorts ports = InMemoryDrivenPorts.builder(users, hasher, clock).build();
            UseCases useCases = new UseCases(ports, new Policies(LoginProtection.DEFAULT, ScopePolicy.DEFAULT,
                    RefreshPolicy.DEFAULT, new Retention(Duration.ofDays(1), Duration.ofDays(30), Duration.ofMinutes(1),
                    Duration.ofDays(365)), Optional.empty()));

            RegisterUserResult registered = useCases.registerUser().register(new RegisterUserCommand(new Username("jane"),
                    PASSWORD, Optional.empty(), Optional.empty(), ClientAddress.LOCAL));
            LogInResult loggedIn = useCases.logIn().logIn(new LogInCommand("JANE", PASSWORD, Set.of(), ClientAddress.LOCAL,
                    Optional.empty(), Optional.empty()));
            CurrentUserResult current = useCases.currentUser().currentUser(new CurrentUserQuery(
                    assertInstanceOf(LogInResult.LoggedIn.class, loggedIn).accessToken().value()));

            assertInstanceOf(RegisterUserResult.Registered.class, registered);
            assertEquals("jane", assertInstanceOf(CurrentUserResult.Authenticated.class, current).user().username().value());
            assertEquals(Optional.of("jane"), users.findByUsername(new Username("Jane")).map(user -> user.username().value()));
        }
    }
}
