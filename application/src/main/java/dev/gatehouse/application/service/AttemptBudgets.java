package dev.gatehouse.application.service;

import dev.gatehouse.application.port.out.LoginThrottle;
import dev.gatehouse.application.port.out.ThrottleKey;
import dev.gatehouse.domain.FailedAttempts;
import dev.gatehouse.domain.FailurePolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The budgets an attempt (a password verification) is charged to, settled so that parallel attempts cannot all pass
 * a check that only counts failures afterwards, on one instance or many:
 * <ul>
 *   <li>a <em>shared</em> budget (a client address's, which many people behind one address spend) is charged
 *       before the verification in one atomic step that checks and counts, and given back when the attempt does
 *       not fail;</li>
 *   <li>a <em>serial</em> budget (an account's or a device's backoff) lets one attempt at a time verify: an
 *       attempt takes the key's turn (waiting a moment for it, as parallel logins of one person do), checks the
 *       backoff again, and counts its failure before it hands the turn on, so the next attempt sees it.</li>
 * </ul>
 * A refused attempt changes nothing, so hammering a blocked key neither lengthens the block nor costs a write.
 */
final class AttemptBudgets {

    /**
     * How long an attempt waits for its turn on a serial budget before it is turned away as throttled: long enough for
     * dozens of one person's parallel logins to pass one after another. Guesses do not wait that long: a waiting
     * attempt is refused as soon as the one holding the turn has failed.
     */
    static final Duration TURN_WAIT = Duration.ofSeconds(10);
    /** A turn its holder never handed back (its instance died mid-verification) lapses after this. */
    static final Duration TURN_LEASE = Duration.ofSeconds(5);
    private static final long TURN_POLL_MILLIS = 20;

    /** A key, the policy that counts its failures, and whether its attempts verify one at a time. */
    record Budget(ThrottleKey key, FailurePolicy policy, boolean serial) {

        /** Charged before, given back after an attempt that did not fail: for keys many people share. */
        static Budget shared(ThrottleKey key, FailurePolicy policy) {
            return new Budget(key, policy, false);
        }

        /** One verification at a time, a failure counted before the next may start, cleared by a success. */
        static Budget serial(ThrottleKey key, FailurePolicy policy) {
            return new Budget(key, policy, true);
        }

        ThrottleKey turn() {
            return new ThrottleKey("turn:" + key.value());
        }
    }

    /** What charging an attempt answered. */
    sealed interface Charge {
    }

    /**
     * Charged, with the serial budgets' turns held: settle it with {@link #succeeded}, {@link #failed} or
     * {@link #notVerified}. Only the first settlement counts, so a {@code finally} may settle as not verified
     * whatever the code before it did.
     */
    record Charged(List<Budget> budgets, Instant at, AtomicBoolean settled) implements Charge {

        private boolean settle() {
            return settled.compareAndSet(false, true);
        }
    }

    /** A budget was exhausted: nothing was charged, and the attempt must not be verified. */
    record Refused(Duration retryAfter) implements Charge {
    }

    private final LoginThrottle throttle;
    private final Clock clock;

    AttemptBudgets(LoginThrottle throttle, Clock clock) {
        this.throttle = throttle;
        this.clock = clock;
    }

    /** Charges one attempt to every budget, or to none when one of them refuses. */
    Charge charge(List<Budget> budgets) {
        Instant now = clock.instant();
        // A plain read first: under a flood most attempts are refused here, without a lock or a write.
        for (Budget budget : budgets) {
            Optional<Duration> wait = throttle.attemptsOf(budget.key()).retryAfter(now);
            if (wait.isPresent()) {
                return new Refused(wait.get());
            }
        }
        List<Budget> charged = new ArrayList<>(budgets.size());
        // Turns first: a shared budget then counts one in-flight attempt per account, not every waiting one, so
        // people logging in at once from one address do not spend it while they wait.
        List<Budget> inOrder = new ArrayList<>(budgets.size());
        budgets.stream().filter(Budget::serial).forEach(inOrder::add);
        budgets.stream().filter(budget -> !budget.serial()).forEach(inOrder::add);
        for (Budget budget : inOrder) {
            Optional<Duration> refusal = budget.serial() ? takeTurn(budget) : chargeShared(budget, now);
            if (refusal.isPresent()) {
                release(charged);
                return new Refused(refusal.get());
            }
            charged.add(budget);
        }
        return new Charged(List.copyOf(charged), now, new AtomicBoolean());
    }

    /**
     * Spends one unit of a budget that is never given back (refreshes of a session): empty when it was spent, the wait
     * when the budget is exhausted (then nothing was spent).
     */
    Optional<Duration> spend(Budget budget) {
        return chargeShared(budget, clock.instant());
    }

    /** The attempt succeeded: an account's or device's past failures are forgotten, a shared charge given back. */
    void succeeded(Charged charge) {
        if (!charge.settle()) {
            return;
        }
        for (Budget budget : charge.budgets()) {
            if (budget.serial()) {
                throttle.clear(budget.key());
                throttle.clear(budget.turn());
            } else {
                giveBack(budget);
            }
        }
    }

    /** The attempt failed: shared charges stand, and each serial key counts the failure before its turn passes on. */
    void failed(Charged charge) {
        if (!charge.settle()) {
            return;
        }
        for (Budget budget : charge.budgets()) {
            if (budget.serial()) {
                throttle.change(budget.key(), before -> budget.policy().afterFailure(before, charge.at()));
                throttle.clear(budget.turn());
            }
        }
    }

    /** The attempt was never verified (no hashing capacity): it counts neither way. */
    void notVerified(Charged charge) {
        if (charge.settle()) {
            release(charge.budgets());
        }
    }

    private Optional<Duration> chargeShared(Budget budget, Instant now) {
        AtomicReference<FailedAttempts> seen = new AtomicReference<>(FailedAttempts.NONE);
        throttle.change(budget.key(), before -> {
            seen.set(before);
            return before.blocksAt(now) ? before : budget.policy().afterFailure(before, now);
        });
        return seen.get().retryAfter(now);
    }

    /**
     * Takes the key's turn, waiting up to {@link #TURN_WAIT} while another attempt holds it, then checks the
     * backoff once more: the attempt that held the turn may have failed.
     */
    private Optional<Duration> takeTurn(Budget budget) {
        long deadline = System.nanoTime() + TURN_WAIT.toNanos();
        while (true) {
            Instant now = clock.instant();
            if (throttle.attemptsOf(budget.turn()).blocksAt(now)) {
                // Someone else's turn: wait without taking a lock, unless that attempt has failed already.
                Optional<Duration> backoff = throttle.attemptsOf(budget.key()).retryAfter(now);
                if (backoff.isPresent()) {
                    return backoff;
                }
                if (System.nanoTime() - deadline > 0) {
                    return Optional.of(Duration.ofSeconds(1));
                }
                pause();
                continue;
            }
            AtomicReference<FailedAttempts> seen = new AtomicReference<>(FailedAttempts.NONE);
            throttle.change(budget.turn(), held -> {
                seen.set(held);
                return held.blocksAt(now) ? held : new FailedAttempts(1, now, now, now.plus(TURN_LEASE));
            });
            if (!seen.get().blocksAt(now)) {
                Optional<Duration> wait = throttle.attemptsOf(budget.key()).retryAfter(now);
                if (wait.isPresent()) {
                    throttle.clear(budget.turn());
                }
                return wait;
            }
            if (System.nanoTime() - deadline > 0) {
                return Optional.of(Duration.ofSeconds(1));
            }
            pause();
        }
    }

    private void release(List<Budget> charged) {
        for (Budget budget : charged) {
            if (budget.serial()) {
                throttle.clear(budget.turn());
            } else {
                giveBack(budget);
            }
        }
    }

    private void giveBack(Budget budget) {
        throttle.change(budget.key(), budget.policy()::withoutOneFailure);
    }

    private static void pause() {
        try {
            Thread.sleep(TURN_POLL_MILLIS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a login attempt's turn", interrupted);
        }
    }
}
