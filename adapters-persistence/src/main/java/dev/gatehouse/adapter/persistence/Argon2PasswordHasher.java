package dev.gatehouse.adapter.persistence;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.PlainPassword;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * argon2id through the reference C implementation (argon2-jvm). Hashes are PHC strings
 * ({@code $argon2id$v=19$m=...,t=...,p=...$salt$hash}) that carry their own parameters, so a hash made
 * with older parameters still verifies after the configured cost changes. Thread-safe.
 */
public final class Argon2PasswordHasher implements PasswordHasher {

    private static final int SALT_LENGTH = 16;
    private static final int HASH_LENGTH = 32;
    private static final String PREFIX = "$argon2id$";

    private final Argon2Parameters parameters;
    private final Argon2 argon2;

    public Argon2PasswordHasher(Argon2Parameters parameters) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id, SALT_LENGTH, HASH_LENGTH);
    }

    public Argon2Parameters parameters() {
        return parameters;
    }

    @Override
    public PasswordHash hash(PlainPassword password) {
        char[] chars = password.value().toCharArray();
        try {
            return new PasswordHash(argon2.hash(parameters.iterations(), parameters.memoryKiB(),
                    parameters.parallelism(), chars, StandardCharsets.UTF_8));
        } finally {
            argon2.wipeArray(chars);
        }
    }

    @Override
    public boolean verify(PlainPassword password, PasswordHash hash) {
        if (!hash.encoded().startsWith(PREFIX)) {
            return false;
        }
        char[] chars = password.value().toCharArray();
        try {
            // The library reads m, t and p from the encoded hash, not from this hasher's parameters.
            return argon2.verify(hash.encoded(), chars, StandardCharsets.UTF_8);
        } catch (RuntimeException malformed) {
            // A damaged or foreign hash is "cannot verify", never an error for the caller.
            return false;
        } finally {
            argon2.wipeArray(chars);
        }
    }
}
