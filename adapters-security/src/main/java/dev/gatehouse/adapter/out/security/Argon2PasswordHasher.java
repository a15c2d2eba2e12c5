package dev.gatehouse.adapter.out.security;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.PlainPassword;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * argon2id through the reference C implementation (argon2-jvm). Hashes are PHC strings
 * ({@code $argon2id$v=19$m=...,t=...,p=...$salt$hash}) that carry their own parameters, so a hash made
 * with older parameters still verifies after the configured cost changes, and {@link #needsRehash} says when
 * to replace it. Also verifies bcrypt hashes migrated from passlib or htpasswd (first 72 bytes of the
 * password, as they do), and PBKDF2 hashes migrated from passlib or Keycloak ({@link Pbkdf2Verifier}), always
 * asking for those to be rehashed. Thread-safe.
 *
 * <p>{@link #importRefusal} bounds what an import may bring: argon2id with at most {@link #maxImportedMemoryKiB()}
 * (the configured memory, or passlib's default of 64 MiB when that is more), at most {@link #MAX_IMPORTED_ITERATIONS}
 * passes and {@link #MAX_IMPORTED_PARALLELISM} lanes; bcrypt up to cost 14; PBKDF2 up to 2,000,000 rounds.
 */
public final class Argon2PasswordHasher implements PasswordHasher {

    private static final int SALT_LENGTH = 16;
    private static final int HASH_LENGTH = 32;
    private static final String PREFIX = "$argon2id$";
    private static final int VERSION = 19;
    // Unpadded base64 of SALT_LENGTH and HASH_LENGTH bytes.
    private static final String SALT_AND_HASH = "[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}";
    /** passlib's default argon2 memory (64 MiB); Keycloak's is 7 MiB. */
    static final int DEFAULT_IMPORTED_MEMORY_KIB = 65_536;
    static final int MAX_IMPORTED_ITERATIONS = 10;
    static final int MAX_IMPORTED_PARALLELISM = 16;
    // A PHC string of argon2id version 19: m, t, p, then base64 (unpadded) salt of 8 to 64 and hash of 16 to 64 bytes.
    private static final Pattern IMPORTED = Pattern.compile(Pattern.quote(PREFIX + "v=" + VERSION)
            + "\\$m=([1-9][0-9]{0,9}),t=([1-9][0-9]{0,9}),p=([1-9][0-9]{0,9})\\$([A-Za-z0-9+/]{11,86})\\$([A-Za-z0-9+/]{22,86})");

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
        if (Pbkdf2Verifier.isPbkdf2(encoded)) {
            return Pbkdf2Verifier.verify(password, encoded);
        }
        return BcryptVerifier.isBcrypt(encoded) && BcryptVerifier.verify(password, encoded);
    }

    /** The most memory an imported argon2id hash may ask for: the configured memory, or 64 MiB when that is more. */
    public int maxImportedMemoryKiB() {
        return Math.max(parameters.memoryKiB(), DEFAULT_IMPORTED_MEMORY_KIB);
    }

    @Override
    public Optional<String> importRefusal(PasswordHash hash) {
        String encoded = hash.encoded();
        if (encoded.startsWith(PREFIX)) {
            return argon2idImportRefusal(encoded);
        }
        if (Pbkdf2Verifier.isPbkdf2(encoded)) {
            return Pbkdf2Verifier.refusal(encoded);
        }
        if (BcryptVerifier.isBcrypt(encoded)) {
            return BcryptVerifier.importRefusal(encoded);
        }
        return Optional.of("the algorithm '" + hash.algorithm() + "' is not one Gatehouse verifies"
                + " (argon2id, bcrypt $2a$/$2b$/$2y$, pbkdf2-sha256, pbkdf2-sha512, pbkdf2)");
    }

    private Optional<String> argon2idImportRefusal(String encoded) {
        Matcher shape = IMPORTED.matcher(encoded);
        if (!shape.matches()) {
            return Optional.of("not a well-formed $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>");
        }
        long memory = Long.parseLong(shape.group(1));
        long passes = Long.parseLong(shape.group(2));
        long lanes = Long.parseLong(shape.group(3));
        if (memory > maxImportedMemoryKiB()) {
            return Optional.of("argon2 memory of " + memory + " KiB is above the bound of " + maxImportedMemoryKiB() + " KiB");
        }
        if (passes > MAX_IMPORTED_ITERATIONS) {
            return Optional.of("argon2 t=" + passes + " is above the bound of " + MAX_IMPORTED_ITERATIONS);
        }
        if (lanes > MAX_IMPORTED_PARALLELISM || memory < 8 * lanes) {
            return Optional.of("argon2 p=" + lanes + " is outside 1 to " + MAX_IMPORTED_PARALLELISM + " (with 8 KiB per lane)");
        }
        try {
            Base64.getDecoder().decode(shape.group(4));
            Base64.getDecoder().decode(shape.group(5));
        } catch (IllegalArgumentException malformed) {
            return Optional.of("the argon2 salt or hash is not base64");
        }
        return Optional.empty();
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
