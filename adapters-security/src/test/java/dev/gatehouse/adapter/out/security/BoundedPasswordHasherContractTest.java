package dev.gatehouse.adapter.out.security;

import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.application.testing.PasswordHasherContract;
import java.time.Duration;

/** The hasher contract through the bound, as production wires it: the decorator must not change any answer. */
class BoundedPasswordHasherContractTest extends PasswordHasherContract {

    @Override
    protected PasswordHasher newHasher() {
        return new BoundedPasswordHasher(new Argon2PasswordHasher(new Argon2Parameters(1024, 1, 1)), 2, 4, Duration.ofSeconds(10));
    }
}
