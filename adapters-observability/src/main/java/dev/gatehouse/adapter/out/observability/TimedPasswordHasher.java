package dev.gatehouse.adapter.out.observability;

import dev.gatehouse.application.port.out.HashingOverloadedException;
import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.PlainPassword;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Times hashing and verification, and counts refusals for lack of capacity. See {@link GatehouseMeters#timed}. */
final class TimedPasswordHasher implements PasswordHasher {

    private final PasswordHasher delegate;
    private final Operation hash;
    private final Operation verify;

    TimedPasswordHasher(PasswordHasher delegate, GatehouseMeters meters) {
        this.delegate = delegate;
        this.hash = new Operation("hash", meters);
        this.verify = new Operation("verify", meters);
    }

    @Override
    public PasswordHash hash(PlainPassword password) {
        return hash.time(() -> delegate.hash(password));
    }

    @Override
    public boolean verify(PlainPassword password, PasswordHash hash) {
        return verify.time(() -> delegate.verify(password, hash));
    }

    @Override
    public boolean needsRehash(PasswordHash hash) {
        return delegate.needsRehash(hash);
    }

    @Override
    public java.util.Optional<String> importRefusal(PasswordHash hash) {
        return delegate.importRefusal(hash);
    }

    @Override
    public void waitLikeAVerification() {
        delegate.waitLikeAVerification();
    }

    private static final class Operation {

        private final Timer duration;
        private final Counter rejections;

        Operation(String name, GatehouseMeters meters) {
            duration = meters.hashTimer(name);
            rejections = meters.counter(GatehouseMeters.HASH_REJECTIONS,
                    "Hashing calls refused because hashing was at capacity", Tag.of("operation", name));
        }

        /** Only completed work is timed: a refusal takes no time worth measuring. */
        <T> T time(Supplier<T> work) {
            long started = System.nanoTime();
            try {
                T result = work.get();
                duration.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                return result;
            } catch (HashingOverloadedException refused) {
                rejections.increment();
                throw refused;
            }
        }
    }
}
