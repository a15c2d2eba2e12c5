package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.FailedAttempts;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * Remembers failed logins per key, and the attempts being verified right now (charged before, refunded after). Shared by every Gatehouse instance on one store, so the updates must be
 * atomic across processes (a row lock, not a read then a write). Every adapter passes
 * {@code LoginThrottleContract}.
 */
public interface LoginThrottle {

    /** The failures counted against the key; {@link FailedAttempts#NONE} when there are none. */
    FailedAttempts attemptsOf(ThrottleKey key);

    /**
     * Atomically replaces the key's record with {@code change} applied to it (to {@link FailedAttempts#NONE}
     * when there is none yet) and answers the stored result: charging an attempt before it is verified, refunding
     * it after. {@code change} must only compute (an adapter may run it again); answering its argument unchanged
     * writes nothing, so a refused attempt costs no write.
     */
    FailedAttempts change(ThrottleKey key, UnaryOperator<FailedAttempts> change);

    /** Forgets the key's failures, after a successful login or an administrator's unlock. */
    void clear(ThrottleKey key);

    /**
     * Forgets the keys whose last failure is before {@code cutoff} and that block nothing after it, and answers how
     * many: guesses sprayed over made-up names leave a record per name, which after every policy's memory counts
     * the same as none (housekeeping).
     */
    int forgetQuietSince(Instant cutoff);
}
