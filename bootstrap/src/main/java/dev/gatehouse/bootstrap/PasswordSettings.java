package dev.gatehouse.bootstrap;

import dev.gatehouse.adapter.out.security.Argon2Parameters;
import java.util.Objects;

/** How passwords are hashed (argon2id's cost), how much hashing may run at once, and how short a new password may be. */
public record PasswordSettings(Argon2Parameters argon2, HashingCapacity hashing, int minimumLength) {

    public PasswordSettings {
        Objects.requireNonNull(argon2, "argon2");
        Objects.requireNonNull(hashing, "hashing");
    }
}
