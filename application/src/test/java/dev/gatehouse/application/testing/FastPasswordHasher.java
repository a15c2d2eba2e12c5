package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.HashingOverloadedException;
import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.PlainPassword;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A salted SHA-256 hasher for unit tests only: it keeps tests fast and counts verifications, so tests
 * can prove that every login path spends the same hashing work. Its "cost" is a label in the hash, so
 * tests can change it and watch rehashing; {@link #saturate()} makes it refuse work like a full real
 * hasher. Never use it for real passwords.
 */
public final class FastPasswordHasher implements PasswordHasher {

    private static final String PREFIX = "$test-sha256$";
    private final SecureRandom random = new SecureRandom();
    private final AtomicInteger verifications = new AtomicInteger();
    private final AtomicInteger hashes = new AtomicInteger();
    private final AtomicInteger waits = new AtomicInteger();
    private final int cost;
    private volatile boolean saturated;
    private volatile long verificationMillis;
    private final java.util.concurrent.atomic.AtomicReference<Runnable> onNextHash = new java.util.concurrent.atomic.AtomicReference<>();

    public FastPasswordHasher() {
        this(1);
    }

    public FastPasswordHasher(int cost) {
        this.cost = cost;
    }

    @Override
    public PasswordHash hash(PlainPassword password) {
        refuseWhenSaturated();
        hashes.incrementAndGet();
        Runnable meanwhile = onNextHash.getAndSet(null);
        if (meanwhile != null) {
            meanwhile.run();
        }
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return new PasswordHash(PREFIX + "c=" + cost + "$" + encode(salt) + "$" + encode(digest(salt, password)));
    }

    @Override
    public boolean verify(PlainPassword password, PasswordHash hash) {
        refuseWhenSaturated();
        verifications.incrementAndGet();
        takeAsLongAsConfigured();
        String[] parts = hash.encoded().split("\\$");
        if (!hash.encoded().startsWith(PREFIX) || parts.length != 5) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(parts[3]);
        byte[] expected = Base64.getDecoder().decode(parts[4]);
        return MessageDigest.isEqual(expected, digest(salt, password));
    }

    @Override
    public boolean needsRehash(PasswordHash hash) {
        return !hash.encoded().startsWith(PREFIX + "c=" + cost + "$");
    }

    /** Reads its own hashes, whatever their cost label: the fake's stand-in for foreign hashes. */
    @Override
    public java.util.Optional<String> importRefusal(PasswordHash hash) {
        return hash.encoded().startsWith(PREFIX) && hash.encoded().split("\\$").length == 5 ? java.util.Optional.empty()
                : java.util.Optional.of("not a " + PREFIX + " hash");
    }

    /** A verification here is one SHA-256 over a few bytes, so the equal wait is one such digest, counted. */
    @Override
    public void waitLikeAVerification() {
        waits.incrementAndGet();
        digest(new byte[16], new PlainPassword("equal-time"));
    }

    /** How many times {@link #waitLikeAVerification} ran. */
    public int waits() {
        return waits.get();
    }

    /**
     * From now on every verification takes at least {@code duration}, as a real one does: races between a check
     * and the verification it guards only show when the verification takes time.
     */
    public void slowVerificationsTo(Duration duration) {
        verificationMillis = duration.toMillis();
    }

    private void takeAsLongAsConfigured() {
        if (verificationMillis > 0) {
            try {
                Thread.sleep(verificationMillis);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Runs {@code meanwhile} during the next {@link #hash}: what another request does while a hash is computed. */
    public void onNextHash(Runnable meanwhile) {
        onNextHash.set(meanwhile);
    }

    /** From now on every call throws {@link HashingOverloadedException}. */
    public void saturate() {
        saturated = true;
    }

    /** How many times {@link #hash} ran. */
    public int hashes() {
        return hashes.get();
    }

    private void refuseWhenSaturated() {
        if (saturated) {
            throw new HashingOverloadedException(Duration.ofSeconds(1));
        }
    }

    /** How many times {@link #verify} ran. */
    public int verifications() {
        return verifications.get();
    }

    private static byte[] digest(byte[] salt, PlainPassword password) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(salt);
            return sha256.digest(password.normalized().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String encode(byte[] bytes) {
        return Base64.getEncoder().withoutPadding().encodeToString(bytes);
    }
}
