package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.PlainPassword;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A salted SHA-256 hasher for unit tests only: it keeps tests fast and counts verifications, so tests
 * can prove that every login path spends the same hashing work. Never use it for real passwords.
 */
public final class FastPasswordHasher implements PasswordHasher {

    private static final String PREFIX = "$test-sha256$";
    private final SecureRandom random = new SecureRandom();
    private final AtomicInteger verifications = new AtomicInteger();

    @Override
    public PasswordHash hash(PlainPassword password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return new PasswordHash(PREFIX + encode(salt) + "$" + encode(digest(salt, password)));
    }

    @Override
    public boolean verify(PlainPassword password, PasswordHash hash) {
        verifications.incrementAndGet();
        String[] parts = hash.encoded().split("\\$");
        if (!hash.encoded().startsWith(PREFIX) || parts.length != 4) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        return MessageDigest.isEqual(expected, digest(salt, password));
    }

    /** How many times {@link #verify} ran. */
    public int verifications() {
        return verifications.get();
    }

    private static byte[] digest(byte[] salt, PlainPassword password) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(salt);
            return sha256.digest(password.value().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String encode(byte[] bytes) {
        return Base64.getEncoder().withoutPadding().encodeToString(bytes);
    }
}
