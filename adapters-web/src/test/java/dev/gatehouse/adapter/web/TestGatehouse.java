package dev.gatehouse.adapter.web;

import dev.gatehouse.application.service.CurrentUserService;
import dev.gatehouse.application.service.LogInService;
import dev.gatehouse.application.service.RegisterUserService;
import dev.gatehouse.application.testing.FastPasswordHasher;
import dev.gatehouse.application.testing.InMemoryUserRepository;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.FullName;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.time.Instant;

/** The real services over in-memory ports and the real JWT adapter, on a clock tests can move. */
final class TestGatehouse {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    final InMemoryUserRepository users = new InMemoryUserRepository();
    final FastPasswordHasher hasher = new FastPasswordHasher();
    final JwtAccessTokens tokens = new JwtAccessTokens(new JwtSettings("gatehouse-test", "gatehouse-test",
            JwtSettings.randomSecret(), JwtSettings.DEFAULT_LIFETIME, JwtSettings.DEFAULT_CLOCK_SKEW), clock);
    final WebUseCases useCases = new WebUseCases(
            new LogInService(users, hasher, tokens),
            new RegisterUserService(users, hasher, clock),
            new CurrentUserService(tokens, users));

    /** Stores an active user directly, bypassing HTTP. */
    User addUser(String username, String password, String email, String fullName) {
        User user = User.register(new Username(username), hasher.hash(new PlainPassword(password)),
                email == null ? null : new EmailAddress(email), fullName == null ? null : new FullName(fullName),
                clock.instant());
        users.add(user);
        return user;
    }

    void disable(User user) {
        users.update(user.disable());
    }
}
