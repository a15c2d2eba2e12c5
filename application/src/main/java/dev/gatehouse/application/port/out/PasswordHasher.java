package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.PlainPassword;
import java.util.Optional;

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

    /**
     * Why {@link #verify} would not check {@code hash}, a hash made by another system and brought by an import: an
     * algorithm or encoding this hasher does not read, or a cost above the bound that keeps one verification cheap
     * (so an imported file cannot make logins a denial of service). Empty when it would verify it. Does no hashing.
     * Refuses everything unless an adapter says what it reads.
     */
    default Optional<String> importRefusal(PasswordHash hash) {
        return Optional.of("this hasher verifies no imported hashes");
    }
}
