package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.port.out.AddSigningKeyOutcome;
import dev.gatehouse.application.port.out.RevokeSigningKeyOutcome;
import dev.gatehouse.application.port.out.SigningKeyRepository;
import dev.gatehouse.domain.KeyId;
import dev.gatehouse.domain.SigningKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the stored keys in memory for the token path: signing and verifying read no database. The view is read
 * again when it is older than {@code refreshInterval}, so a key another instance created is seen within it (the
 * pre-publication window is much longer). An unknown key id reads again at once, but at most once per
 * {@code missInterval}: tokens with made-up ids cannot make every request a query. A revocation must not wait
 * for the refresh: every {@code revocationCheckInterval} (a few seconds) the cache asks the store for the revoked
 * ids only (a tiny query), and reads the whole view again when one of its keys was revoked since; the view then
 * also holds the successor created with the revocation. Adding, removing or revoking through this repository
 * forgets the view. When a re-read fails, the old view serves on (with a warning) and the next attempt waits
 * {@code missInterval}; only without any view does the failure reach the caller.
 */
public final class CachingSigningKeyRepository implements SigningKeyRepository {

    private static final Logger LOGGER = Logger.getLogger(CachingSigningKeyRepository.class.getName());

    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_MISS_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REVOCATION_CHECK_INTERVAL = Duration.ofSeconds(2);

    private final SigningKeyRepository store;
    private final long refreshNanos;
    private final long missNanos;
    private final long revocationCheckNanos;
    private final LongSupplier nanoTime;
    private final Object reloading = new Object();
    private volatile View view;

    /** {@code checkedAt}: when the revoked ids were last asked for (or the view read, which includes them). */
    private record View(List<SigningKey> keys, long readAt, long attemptedAt, long checkedAt) {
    }

    public CachingSigningKeyRepository(SigningKeyRepository store) {
        this(store, DEFAULT_REFRESH_INTERVAL, DEFAULT_MISS_INTERVAL, DEFAULT_REVOCATION_CHECK_INTERVAL, System::nanoTime);
    }

    CachingSigningKeyRepository(SigningKeyRepository store, Duration refreshInterval, Duration missInterval,
                                LongSupplier nanoTime) {
        this(store, refreshInterval, missInterval, DEFAULT_REVOCATION_CHECK_INTERVAL, nanoTime);
    }

    CachingSigningKeyRepository(SigningKeyRepository store, Duration refreshInterval, Duration missInterval,
                                Duration revocationCheckInterval, LongSupplier nanoTime) {
        this.store = Objects.requireNonNull(store, "store");
        this.refreshNanos = refreshInterval.toNanos();
        this.missNanos = missInterval.toNanos();
        this.revocationCheckNanos = revocationCheckInterval.toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    @Override
    public List<SigningKey> findAll() {
        return current(refreshNanos).keys();
    }

    @Override
    public Optional<SigningKey> findById(KeyId id) {
        Objects.requireNonNull(id, "id");
        Optional<SigningKey> cached = find(current(refreshNanos), id);
        return cached.isPresent() ? cached : find(current(missNanos), id);
    }

    @Override
    public AddSigningKeyOutcome add(SigningKey key) {
        try {
            return store.add(key);
        } finally {
            forget();
        }
    }

    @Override
    public int remove(Collection<KeyId> ids) {
        try {
            return store.remove(ids);
        } finally {
            forget();
        }
    }

    @Override
    public RevokeSigningKeyOutcome revoke(KeyId id, Instant at) {
        try {
            return store.revoke(id, at);
        } finally {
            forget();
        }
    }

    /** Always asks the store: this is how a cache learns of a revocation. */
    @Override
    public Set<KeyId> revokedIds() {
        return store.revokedIds();
    }

    private void forget() {
        synchronized (reloading) {
            view = null;
        }
    }

    /** The view, read again first when it was read (or last tried) longer than {@code maxAgeNanos} ago. */
    private View current(long maxAgeNanos) {
        View seen = view;
        if (seen != null && !olderThan(seen, maxAgeNanos) && !checkDue(seen)) {
            return seen;
        }
        synchronized (reloading) {
            seen = view;
            if (seen != null && !olderThan(seen, maxAgeNanos)) {
                if (!checkDue(seen) || !revokedSince(seen)) {
                    return view;
                }
            }
            long now = nanoTime.getAsLong();
            try {
                view = new View(store.findAll(), now, now, now);
            } catch (RuntimeException failed) {
                if (seen == null) {
                    throw failed;
                }
                LOGGER.log(Level.WARNING, "Could not re-read the signing keys; using the keys read "
                        + Duration.ofNanos(now - seen.readAt()).toSeconds() + " s ago: " + failed.getMessage());
                view = new View(seen.keys(), seen.readAt(), now, now);
            }
            return view;
        }
    }

    private boolean checkDue(View seen) {
        return nanoTime.getAsLong() - seen.checkedAt() >= revocationCheckNanos;
    }

    /**
     * Whether the store holds a revocation of a key {@code seen} still trusts; when not (or when the store cannot
     * say), marks the view checked. Called holding the lock.
     */
    private boolean revokedSince(View seen) {
        long now = nanoTime.getAsLong();
        try {
            Set<KeyId> revoked = store.revokedIds();
            if (seen.keys().stream().anyMatch(key -> !key.isRevoked() && revoked.contains(key.id()))) {
                return true;
            }
        } catch (RuntimeException failed) {
            // The full re-read reports an outage; this check only waits for its next turn.
            LOGGER.log(Level.FINE, "Could not check the signing keys for revocations: {0}", failed.getMessage());
        }
        view = new View(seen.keys(), seen.readAt(), seen.attemptedAt(), now);
        return false;
    }

    private boolean olderThan(View seen, long maxAgeNanos) {
        long now = nanoTime.getAsLong();
        return now - seen.readAt() >= maxAgeNanos && now - seen.attemptedAt() >= missNanos;
    }

    private static Optional<SigningKey> find(View view, KeyId id) {
        return view.keys().stream().filter(key -> key.id().equals(id)).findFirst();
    }
}
