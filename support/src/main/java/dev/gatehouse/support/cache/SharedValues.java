package dev.gatehouse.support.cache;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One instance for each of a few values that many cached objects hold alike, made from the same key (a token's
 * scope claim, its audience claim): a cache of 100,000 verified tokens then holds one {@code [me, items]}, not 100,000
 * copies of it. Bounded: once {@code mostValues} distinct keys are held, further values are made afresh and not kept,
 * so keys chosen by a client cannot grow it. Give it only values that are immutable.
 */
public final class SharedValues<K, V> {

    private final int mostValues;
    private final ConcurrentHashMap<K, V> values = new ConcurrentHashMap<>();
    // Room is taken before a value is put and given back if another thread's value won: checking the map's size
    // and then putting let threads racing at the bound each put one more.
    private final AtomicInteger taken = new AtomicInteger();

    public SharedValues(int mostValues) {
        if (mostValues < 1) {
            throw new IllegalArgumentException("must hold at least one value, got " + mostValues);
        }
        this.mostValues = mostValues;
    }

    /**
     * The value held for {@code key}, else {@code make(key)}, held from now on if there is room. Whatever
     * {@code make} throws is thrown, and nothing is held for that key.
     */
    public V of(K key, Function<? super K, ? extends V> make) {
        Objects.requireNonNull(key, "key");
        V held = values.get(key);
        if (held != null) {
            return held;
        }
        V made = Objects.requireNonNull(make.apply(key), "made value");
        if (taken.incrementAndGet() > mostValues) {
            taken.decrementAndGet();
            return made;
        }
        V first = values.putIfAbsent(key, made);
        if (first != null) {
            taken.decrementAndGet();
            return first;
        }
        return made;
    }

    /** How many values are held. */
    public int size() {
        return values.size();
    }
}
