package dev.gatehouse.adapter.out.security;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.PlainPassword;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * argon2id through the reference C implementation (argon2-jvm). Hashes are PHC strings
 * ({@code $argon2id$v=19$m=...,t=...,p=...$salt$hash}) that carry their own parameters, so a hash made
 * with older parameters still verifies after the configured cost changes, and {@link #needsRehash} says when
 * to replace it. Also verifies bcrypt hashes migrated from passlib or htpasswd (first 72 bytes of the
 * password, as they do), always asking for those to be rehashed. Thread-safe.
 */
public final class Argon2PasswordHasher implements PasswordHasher {

    private static final int SALT_LENGTH = 16;
    private static final int HASH_LENGTH = 32;
    private static final String PREFIX = "$argon2id$";
    private static final int VERSION = 19;
    // Unpadded base64 of SALT_LENGTH and HASH_LENGTH bytes.
    private static final String SALT_AND_HASH = "[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}";

    private final Argon2Parameters parameters;
    private final Argon2 argon2;
    private final Pattern current;
    private final VerificationPace pace = new VerificationPace();

    public Argon2PasswordHasher(Argon2Parameters parameters) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id, SALT_LENGTH, HASH_LENGTH);
        this.current = Pattern.compile(Pattern.quote(PREFIX + "v=" + VERSION + "$m=" + parameters.memoryKiB()
                + ",t=" + parameters.iterations() + ",p=" + parameters.parallelism() + "$") + SALT_AND_HASH);
    }

    public Argon2Parameters parameters() {
        return parameters;
    }

    @Override
    public PasswordHash hash(PlainPassword password) {
        char[] chars = password.normalized().toCharArray();
        long started = System.nanoTime();
        try {
            return new PasswordHash(argon2.hash(parameters.iterations(), parameters.memoryKiB(),
                    parameters.parallelism(), chars, StandardCharsets.UTF_8));
        } finally {
            // Hashing costs what verifying does at these parameters: it primes the pace before any login.
            pace.record(System.nanoTime() - started);
            argon2.wipeArray(chars);
        }
    }

    @Override
    public boolean verify(PlainPassword password, PasswordHash hash) {
        String encoded = hash.encoded();
        if (encoded.startsWith(PREFIX)) {
            // A hash made before passwords were normalised holds the password as typed; only a password that
            // normalisation changes (rare, and then twice the work) is tried both ways.
            String normalized = password.normalized();
            return verifyArgon2id(normalized, encoded)
                    || (!normalized.equals(password.value()) && verifyArgon2id(password.value(), encoded));
        }
        return BcryptVerifier.isBcrypt(encoded) && BcryptVerifier.verify(password, encoded);
    }

    /** False only for an argon2id hash with exactly this hasher's version, m, t, p and salt and hash lengths. */
    @Override
    public boolean needsRehash(PasswordHash hash) {
        return !current.matcher(hash.encoded()).matches();
    }

    /** Sleeps for the moving average of this hasher's recent hash and verify times. */
    @Override
    public void waitLikeAVerification() {
        pace.waitTypical();
    }

    private boolean verifyArgon2id(String password, String encoded) {
        char[] chars = password.toCharArray();
        long started = System.nanoTime();
        try {
            // The library reads m, t and p from the encoded hash, not from this hasher's parameters.
            return argon2.verify(encoded, chars, StandardCharsets.UTF_8);
        } catch (RuntimeException malformed) {
            // A damaged or foreign hash is "cannot verify", never an error for the caller.
            return false;
        } finally {
            pace.record(System.nanoTime() - started);
            argon2.wipeArray(chars);
        }
    }
}
