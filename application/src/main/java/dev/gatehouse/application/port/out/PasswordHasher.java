package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.PlainPassword;

/**
 * Turns passwords into salted, slow, self-describing hashes and checks them. Every adapter passes
 * {@code PasswordHasherContract}.
 */
public interface PasswordHasher {

    PasswordHash hash(PlainPassword password);

    /** True when the password matches; false for a wrong password or a hash this hasher cannot read. */
    boolean verify(PlainPassword password, PasswordHash hash);
}
