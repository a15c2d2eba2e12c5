package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.PlainPassword;

/**
 * Turns passwords into salted, slow, self-describing hashes and checks them. Every adapter passes
 * {@code PasswordHasherContract}. An adapter with bounded capacity throws {@link HashingOverloadedException}
 * from {@code hash} and {@code verify} when it is full.
 */
public interface PasswordHasher {

    PasswordHash hash(PlainPassword password);

    /** True when the password matches; false for a wrong password or a hash this hasher cannot read. */
    boolean verify(PlainPassword password, PasswordHash hash);

    /**
     * True when {@code hash} is not what {@link #hash} would produce today (another algorithm, such as a
     * migrated bcrypt hash, or other cost parameters), so a successful login should store a fresh hash.
     */
    boolean needsRehash(PasswordHash hash);

    /**
     * Waits about as long as a {@link #verify} takes, without its work: an answer that needs no verification
     * (a throttled login) then takes as long as one that does, at no cost in CPU or memory. Never bounded.
     */
    void waitLikeAVerification();
}
