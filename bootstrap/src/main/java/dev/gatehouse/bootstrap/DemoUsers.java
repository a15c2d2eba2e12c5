package dev.gatehouse.bootstrap;

import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.FullName;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.time.Clock;

/**
 * The users of FastAPI's security tutorial, so its clients work out of the box: {@code johndoe}/{@code secret}
 * (active) and {@code alice}/{@code secret2} (disabled). Their passwords are shorter than registration
 * allows, which is why they are seeded here and not registered. Seeding is idempotent.
 */
final class DemoUsers {

    private DemoUsers() {
    }

    static void seed(UserRepository users, PasswordHasher hasher, Clock clock) {
        users.add(User.register(new Username("johndoe"), hasher.hash(new PlainPassword("secret")),
                new EmailAddress("johndoe@example.com"), new FullName("John Doe"), clock.instant()));
        users.add(User.register(new Username("alice"), hasher.hash(new PlainPassword("secret2")),
                new EmailAddress("alice@example.com"), new FullName("Alice Wonderson"), clock.instant()).disable());
    }
}
