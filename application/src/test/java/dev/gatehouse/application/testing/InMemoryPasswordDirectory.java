package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.BindOutcome;
import dev.gatehouse.application.port.out.PasswordDirectory;
import dev.gatehouse.application.port.out.StoreUnavailableException;
import dev.gatehouse.domain.DirectoryEntry;
import dev.gatehouse.domain.PlainPassword;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A thread-safe in-memory {@link PasswordDirectory}, held honest by {@link PasswordDirectoryContract}: entries and
 * their passwords as an operator of the directory set them. It counts binds, so tests can prove which logins ask it;
 * it can be taken down, and its binds slowed, as a real directory's are over a network.
 */
public final class InMemoryPasswordDirectory implements PasswordDirectory {

    private static final byte[] NOBODY = "no entry has this password".getBytes(StandardCharsets.UTF_8);
    private final ConcurrentMap<DirectoryEntry, byte[]> passwords = new ConcurrentHashMap<>();
    private final AtomicInteger binds = new AtomicInteger();
    private volatile boolean down;
    private volatile long bindMillis;

    /** The directory's operator sets {@code entry}'s password. */
    public InMemoryPasswordDirectory add(DirectoryEntry entry, PlainPassword password) {
        passwords.put(entry, password.value().getBytes(StandardCharsets.UTF_8));
        return this;
    }

    @Override
    public BindOutcome bind(DirectoryEntry entry, PlainPassword password) {
        binds.incrementAndGet();
        if (down) {
            throw new StoreUnavailableException("the directory cannot be reached", null);
        }
        takeAsLongAsConfigured();
        byte[] stored = passwords.get(entry);
        // An unknown entry is compared too, so it answers no faster than a wrong password.
        boolean matches = MessageDigest.isEqual(stored == null ? NOBODY : stored, password.value().getBytes(StandardCharsets.UTF_8));
        return stored != null && matches ? BindOutcome.BOUND : BindOutcome.REFUSED;
    }

    /** How many times {@link #bind} was asked, answered or not. */
    public int binds() {
        return binds.get();
    }

    /** From now on every bind throws {@link StoreUnavailableException}, as an unreachable directory's does. */
    public InMemoryPasswordDirectory goDown() {
        down = true;
        return this;
    }

    public void comeBack() {
        down = false;
    }

    /** From now on every bind takes at least {@code duration}, as one over the network does. */
    public void slowBindsTo(Duration duration) {
        bindMillis = duration.toMillis();
    }

    private void takeAsLongAsConfigured() {
        if (bindMillis > 0) {
            try {
                Thread.sleep(bindMillis);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
