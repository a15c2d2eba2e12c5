package dev.gatehouse.bootstrap;

import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.FullName;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The users of FastAPI's security tutorial, so its clients work out of the box: {@code johndoe}/{@code secret}
 * (active, and an administrator, so the administration API can be tried from {@code /docs}) and
 * {@code alice}/{@code secret2} (disabled). Their passwords are shorter than registration
 * allows, which is why they are seeded here and not registered. Seeding is idempotent. Their passwords are
 * published, so a real run refuses a database where one of them can still log in ({@link #stillUsable}).
 */
final class DemoUsers {

    private DemoUsers() {
    }

    /** Each demo username and its published password. */
    private static final Map<String, String> PUBLISHED = Map.of("johndoe", "secret", "alice", "secret2");

    /**
     * The demo accounts that are enabled and still have their published password: a database that a demo run
     * seeded, now reached by a real run, where anyone who read the README could log in (johndoe as an administrator).
     * Costs one hash verification per demo account that exists.
     */
    static List<Username> stillUsable(UserRepository users, PasswordHasher hasher) {
        return PUBLISHED.keySet().stream().sorted()
                .map(name -> users.findByUsername(new Username(name)))
                .flatMap(java.util.Optional::stream)
                .filter(User::isActive)
                .filter(user -> hasher.verify(new PlainPassword(PUBLISHED.get(user.username().value())), user.passwordHash()))
                .map(User::username)
                .toList();
    }

    static void seed(UserRepository users, PasswordHasher hasher, Clock clock) {
        seedOne(users, hasher, clock, "johndoe", "secret", "johndoe@example.com", "John Doe", false, true);
        seedOne(users, hasher, clock, "alice", "secret2", "alice@example.com", "Alice Wonderson", true, false);
    }

    private static void seedOne(UserRepository users, PasswordHasher hasher, Clock clock, String name, String password,
                                String email, String fullName, boolean disabled, boolean admin) {
        Username username = new Username(name);
        if (users.findByUsername(username).isPresent()) {
            return; // seeded by an earlier start; the repository's constraint still settles a race
        }
        User user = User.register(username, hasher.hash(new PlainPassword(password)), new EmailAddress(email),
                new FullName(fullName), clock.instant());
        User seeded = disabled ? user.disable() : user;
        users.add(admin ? seeded.withRole(Role.ADMIN) : seeded);
    }
}
