package dev.gatehouse.adapter.out.persistence;

import dev.gatehouse.application.port.out.AddUserOutcome;
import dev.gatehouse.application.port.out.GuardedChange;
import dev.gatehouse.application.port.out.StoreUnavailableException;
import dev.gatehouse.application.port.out.UserPage;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.application.port.out.UserSearch;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.UserId;
import dev.gatehouse.domain.Username;
import dev.gatehouse.support.cache.ClockCache;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A {@link UserRepository} that answers {@link #findByUsername} from memory, for the check behind every
 * protected request. It is only as fresh as what tells it about changes: its own writes, and
 * {@link #forget}/{@link #forgetAll} from whoever hears about other instances' writes (on PostgreSQL,
 * {@link PostgresUserChangeListener}). While nobody is listening it is {@linkplain #suspend() suspended} and
 * every read goes to the database.
 *
 * <p>Absent users are never cached, and each entry also expires after a time to live, which bounds the damage
 * of an announcement that never arrived. At most {@link UserCacheSettings#maximumEntries()} users are held (a
 * {@link ClockCache}, which evicts the users read least of late and whose reads write no references: this cache is
 * read on every request); {@link #stats()} tells operators how often it answers.
 *
 * <p>While the database cannot be reached ({@link StoreUnavailableException}), a user is answered from what was
 * last read of it, if that was at most {@link UserCacheSettings#staleReads()} ago, suspended or not: a change this
 * process wrote or heard of before the outage has already dropped the entry, so it still applies. Past the bound,
 * or for a user not in memory, the exception goes on (503).
 */
public final class CachingUserRepository implements UserRepository {

    private record Entry(User user, long readAtNanos) {
    }

    private final UserRepository database;
    private final UserCacheSettings settings;
    private final LongSupplier nanoTime;
    private final ClockCache<String, Entry> cache;
    private final long keptForNanos;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    // Bumped by every forget: a read that started before a forget must not put what it read into the cache
    // afterwards, so fills compare generations (see findByUsername). A fill's check and put, and a forget's bump
    // and removal, each happen under this lock: otherwise a fill could put an old user just after a forget and
    // take it out again only after someone else had read it (the writer itself, on its very next read).
    private final AtomicLong generation = new AtomicLong();
    private final ReentrantLock fills = new ReentrantLock();
    private volatile boolean serving;

    /** Starts suspended: call {@link #resume()} once changes are being heard. */
    public CachingUserRepository(UserRepository database, UserCacheSettings settings) {
        this(database, settings, System::nanoTime);
    }

    CachingUserRepository(UserRepository database, UserCacheSettings settings, LongSupplier nanoTime) {
        this.database = Objects.requireNonNull(database, "database");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        // Kept for the longer of the two ages an entry is used for: served fresh within the time to live, and
        // answered during an outage within the stale-read bound. Each use checks its own age (youngerThan, which
        // includes the bound itself); the extra second only keeps the cache from dropping an entry at that instant.
        Duration keptFor = settings.timeToLive().compareTo(settings.staleReads()) >= 0
                ? settings.timeToLive() : settings.staleReads();
        this.keptForNanos = keptFor.plusSeconds(1).toNanos();
        this.cache = new ClockCache<>(settings.maximumEntries(), nanoTime);
    }

    @Override
    public Optional<User> findByUsername(Username username) {
        String key = username.canonical();
        Entry cached = cache.get(key);
        if (serving && cached != null && youngerThan(cached, settings.timeToLive())) {
            hits.increment();
            return Optional.of(cached.user());
        }
        if (serving) {
            misses.increment();
        }
        long readStartedIn = generation.get();
        Optional<User> found;
        try {
            found = database.findByUsername(username);
        } catch (StoreUnavailableException unavailable) {
            // Looked up again: a forget may have dropped it while the database was being asked.
            Entry lastRead = cache.get(key);
            if (lastRead != null && youngerThan(lastRead, settings.staleReads())) {
                return Optional.of(lastRead.user());
            }
            throw unavailable;
        }
        if (found.isPresent() && settings.enabled()) {
            // Remembered while suspended too, though not served fresh then: it is what an outage falls back on.
            remember(key, found.get(), readStartedIn);
        }
        return found;
    }

    /** Whether {@code entry} was read from the database at most {@code age} ago. */
    private boolean youngerThan(Entry entry, Duration age) {
        return nanoTime.getAsLong() - entry.readAtNanos() - age.toNanos() <= 0;
    }

    private void remember(String key, User user, long readStartedIn) {
        Entry entry = new Entry(user, nanoTime.getAsLong());
        fills.lock();
        try {
            // Not if a forget ran while we read: what we read may be older than the change it announced.
            if (generation.get() == readStartedIn) {
                cache.put(key, entry, keptForNanos);
            }
        } finally {
            fills.unlock();
        }
    }

    /** Drops what {@code forget} names, after which no read that started before it can fill it in again. */
    private void forgetting(Runnable forget) {
        fills.lock();
        try {
            generation.incrementAndGet();
            forget.run();
        } finally {
            fills.unlock();
        }
    }

    @Override
    public Optional<User> findById(UserId id) {
        return database.findById(id);
    }

    @Override
    public AddUserOutcome add(User user) {
        return database.add(user);
    }

    @Override
    public Optional<User> change(UserId id, UnaryOperator<User> change) {
        return forgettingTheChanged(change, watched -> database.change(id, watched));
    }

    @Override
    public GuardedChange changeKeepingAnActiveHolder(Role role, UserId id, UnaryOperator<User> change) {
        return forgettingTheChanged(change, watched -> database.changeKeepingAnActiveHolder(role, id, watched));
    }

    /**
     * Runs {@code write} with {@code change}, noting the username of the stored account the change is applied to
     * (the cache's key; the caller named only the id), then forgets that account, whatever the outcome. A change
     * that never ran changed nothing.
     */
    private <T> T forgettingTheChanged(UnaryOperator<User> change, Function<UnaryOperator<User>, T> write) {
        AtomicReference<Username> changed = new AtomicReference<>();
        try {
            return write.apply(stored -> {
                changed.set(stored.username());
                return change.apply(stored);
            });
        } finally {
            Username account = changed.get();
            if (account != null) {
                forget(account);
            }
        }
    }

    @Override
    public boolean replacePasswordHash(UserId id, PasswordHash current, PasswordHash replacement) {
        boolean replaced;
        try {
            replaced = database.replacePasswordHash(id, current, replacement);
        } catch (RuntimeException outcomeUnknown) {
            // The write may have committed before the failure.
            forgetReplacedHash(id);
            throw outcomeUnknown;
        }
        if (replaced) {
            forgetReplacedHash(id);
        }
        return replaced;
    }

    /**
     * A replaced hash names only the id, and this cache is keyed by username: the user is read again for it (a
     * username never changes). Only when that read fails is every entry looked at, a walk through the whole cache
     * that a write must not cost as a rule (7.8 ms at 100,000 users against 2 µs by name, bench/jmh's
     * {@code UserCacheBenchmark}).
     */
    private void forgetReplacedHash(UserId id) {
        Optional<User> replacedFor;
        try {
            replacedFor = database.findById(id);
        } catch (RuntimeException unreadable) {
            replacedFor = Optional.empty();
        }
        if (replacedFor.isPresent()) {
            forget(replacedFor.get().username());
        } else {
            forgetting(() -> cache.removeIf(entry -> entry.user().id().equals(id)));
        }
    }

    /** Drops one user, after a change to it was announced or written here. */
    public void forget(Username username) {
        forgetting(() -> cache.remove(username.canonical()));
    }

    /** Drops every user: a change was announced without saying whose, or announcements may have been missed. */
    public void forgetAll() {
        forgetting(cache::clear);
    }

    /**
     * Stops answering from memory, as changes can no longer be heard. What was read stays, only for answering
     * within the stale-read bound while the database cannot be reached (often why nothing can be heard).
     */
    public void suspend() {
        serving = false;
    }

    /** Answers from memory again, starting empty, since changes made while suspended were not heard. */
    public void resume() {
        forgetAll();
        serving = true;
    }

    /** Whether reads are currently answered from memory. */
    public boolean isServing() {
        return serving;
    }

    /** How many users are in memory now, for metrics and tests. */
    public int size() {
        return cache.size();
    }

    /**
     * How the cache has served so far: reads answered from memory and reads that went to the database while it
     * was serving (reads while suspended count as neither), evictions to keep within the bound, and its size now.
     */
    public UserCacheStats stats() {
        return new UserCacheStats(hits.sum(), misses.sum(), cache.evictions(), size());
    }

    /** Searches go to the database: a page of many users is not worth caching, and must not fill the cache. */
    @Override
    public UserPage search(UserSearch search) {
        return database.search(search);
    }
}
