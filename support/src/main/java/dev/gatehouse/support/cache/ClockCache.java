package dev.gatehouse.support.cache;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * A concurrent cache bounded in entries and in time, for what every request reads (verified tokens, users): a read
 * is a hash-map lookup that writes no reference anywhere. When full, a put evicts by generalised CLOCK: a read
 * counts up in its entry (to {@value #MOST_READS}), the eviction hand counts an entry down as it passes it, and it
 * evicts the first entry it finds at zero (or removed, or expired). A new entry starts at zero: a stream of users or
 * tokens read once passes through the cache without pushing out the ones read again and again, which survive as
 * many passes of the hand as they were read (up to the cap) since it last passed them.
 *
 * <p>Why not an access-ordered cache (Caffeine's, or a linked LRU): those record each read by relinking the entry
 * in a list, a reference write into memory that has long since been promoted to the old generation. With 100,000
 * entries in rotation those writes dirtied thousands of cards per young collection, which G1 rescans in every pause
 * (bench/README, "The tail at scale"). A count is a byte, and the collector does not track bytes.
 *
 * <p>Reads never block. Puts take one lock, held for a put's own bookkeeping and at most {@value #MOST_STEPS} steps
 * of the hand: when every entry it passed was read since its last pass, it evicts the least read of them. Plain
 * CLOCK would sweep on until some count reached zero, up to {@value #MOST_READS} passes over the whole cache after a
 * spell without evictions: 3.4–17 ms under the lock for 100,000 entries, every other put waiting. The bound holds
 * when {@code put} returns.
 * An entry leaves at its deadline: {@link #get} never answers an expired one, and the hand reclaims expired slots
 * first as it meets them.
 */
public final class ClockCache<K, V> {

    private static final int INITIAL_SLOTS = 1024;
    /** The most reads an entry is credited with: an entry no longer read leaves after at most this many passes. */
    static final int MOST_READS = 7;
    /** The most entries one put's hand passes before it evicts: a put's time under the lock is bounded. */
    static final int MOST_STEPS = 32;

    private static final class Entry<K, V> {
        final K key;
        final V value;
        final long deadlineNanos;
        final int slot;
        // Plain fields: a lost update only gives an entry one more or one fewer pass of the hand.
        byte reads;
        boolean removed;

        Entry(K key, V value, long deadlineNanos, int slot) {
            this.key = key;
            this.value = value;
            this.deadlineNanos = deadlineNanos;
            this.slot = slot;
        }
    }

    private final int maximumEntries;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<K, Entry<K, V>> entries = new ConcurrentHashMap<>();
    private final LongAdder evictions = new LongAdder();
    private final ReentrantLock putLock = new ReentrantLock();
    // The clock's face: every entry in the map has a slot here. Guarded by putLock; grows up to maximumEntries.
    private Entry<K, V>[] slots;
    private int slotsInUse;
    private int hand;
    private long handSteps;

    /**
     * At most {@code maximumEntries}, each kept until the deadline {@link #put} gives it on {@code nanoTime}'s
     * clock ({@code System::nanoTime} in production).
     */
    @SuppressWarnings("unchecked")
    public ClockCache(int maximumEntries, LongSupplier nanoTime) {
        if (maximumEntries < 1) {
            throw new IllegalArgumentException("a cache must hold at least one entry, got " + maximumEntries);
        }
        this.maximumEntries = maximumEntries;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.slots = (Entry<K, V>[]) new Entry<?, ?>[Math.min(maximumEntries, INITIAL_SLOTS)];
    }

    /** The value under {@code key}, or null when there is none or it has expired. */
    public V get(K key) {
        Entry<K, V> entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (expired(entry, nanoTime.getAsLong())) {
            remove(entry);
            return null;
        }
        if (entry.reads < MOST_READS) { // a hot entry soon stops being written: its cache line stays shared
            entry.reads++;
        }
        return entry.value;
    }

    /** Holds {@code value} under {@code key} for {@code keepForNanos} from now, replacing what was there. */
    public void put(K key, V value, long keepForNanos) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (keepForNanos <= 0) {
            return;
        }
        long deadline = nanoTime.getAsLong() + keepForNanos;
        putLock.lock();
        try {
            Entry<K, V> previous = entries.get(key);
            int slot = previous != null && slots[previous.slot] == previous ? previous.slot : freeSlot();
            Entry<K, V> entry = new Entry<>(key, value, deadline, slot);
            slots[slot] = entry;
            Entry<K, V> replaced = entries.put(key, entry);
            if (replaced != null) {
                replaced.removed = true;
            }
        } finally {
            putLock.unlock();
        }
    }

    /** Drops what is under {@code key}. */
    public void remove(K key) {
        Entry<K, V> removed = entries.remove(key);
        if (removed != null) {
            removed.removed = true;
        }
    }

    /** Drops what is under {@code key} only if it is {@code value} (by {@code equals}), as {@code Map.remove} does. */
    public void remove(K key, V value) {
        Entry<K, V> entry = entries.get(key);
        if (entry != null && entry.value.equals(value)) {
            remove(entry);
        }
    }

    /** Drops every entry whose value matches. */
    public void removeIf(Predicate<? super V> matches) {
        for (Entry<K, V> entry : entries.values()) {
            if (matches.test(entry.value)) {
                remove(entry);
            }
        }
    }

    /** Drops everything, and lets go of the memory that held it. */
    @SuppressWarnings("unchecked")
    public void clear() {
        putLock.lock();
        try {
            entries.values().forEach(entry -> entry.removed = true);
            entries.clear();
            slots = (Entry<K, V>[]) new Entry<?, ?>[Math.min(maximumEntries, INITIAL_SLOTS)];
            slotsInUse = 0;
            hand = 0;
        } finally {
            putLock.unlock();
        }
    }

    /** How many entries are held, expired ones the hand has not reached yet included. */
    public int size() {
        return entries.size();
    }

    /** How many entries have left to keep within the bound (not counting removals and expiries). */
    public long evictions() {
        return evictions.sum();
    }

    /** How many entries the hand has passed in all, for tests. */
    long handSteps() {
        putLock.lock();
        try {
            return handSteps;
        } finally {
            putLock.unlock();
        }
    }

    private void remove(Entry<K, V> entry) {
        if (entries.remove(entry.key, entry)) {
            entry.removed = true;
        }
    }

    private static boolean expired(Entry<?, ?> entry, long now) {
        return now - entry.deadlineNanos >= 0;
    }

    /** A slot for a new entry: an unused one while the face can grow, else the hand's choice. Under putLock. */
    private int freeSlot() {
        if (slotsInUse < maximumEntries) {
            if (slotsInUse == slots.length) {
                slots = Arrays.copyOf(slots, (int) Math.min(maximumEntries, 2L * slots.length));
            }
            return slotsInUse++;
        }
        long now = nanoTime.getAsLong();
        int leastRead = -1;
        for (int step = 0; step < MOST_STEPS; step++) {
            int slot = hand;
            hand = hand + 1 == slots.length ? 0 : hand + 1;
            handSteps++;
            Entry<K, V> candidate = slots[slot];
            if (candidate == null || candidate.removed) {
                return slot;
            }
            if (expired(candidate, now)) {
                remove(candidate);
                return slot;
            }
            if (candidate.reads == 0) {
                evict(candidate);
                return slot;
            }
            candidate.reads--;
            if (leastRead < 0 || candidate.reads < slots[leastRead].reads) {
                leastRead = slot;
            }
        }
        evict(slots[leastRead]);
        return leastRead;
    }

    private void evict(Entry<K, V> entry) {
        if (entries.remove(entry.key, entry)) {
            entry.removed = true;
            evictions.increment();
        }
    }
}
