package dev.gatehouse.application.service;

import dev.gatehouse.application.port.out.LoginThrottle;
import dev.gatehouse.application.port.out.ThrottleKey;
import dev.gatehouse.domain.FailedAttempts;
import dev.gatehouse.domain.FailurePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Charges an attempt to its budgets before the work it guards (a password verification), in one atomic step per
 * key that checks and counts, so parallel attempts cannot all pass a check that only counts failures afterwards,
 * on one instance or many. A refused attempt changes nothing, so hammering a blocked key does not lengthen the block
 * and costs no write. What the attempt turns out to be settles the charge: a failure keeps it, a success clears the
 * key or gives the charge back, an attempt that could not be verified gives it back.
 */
final class AttemptBudgets {

    /**
     * A key an attempt is charged to, the policy that counts its failures, and whether a success forgets its past
     * failures (an account's or a device's backoff) or only gives this attempt back (a client address's budget,
     * which others behind the address share).
     */
    record Budget(ThrottleKey key, FailurePolicy policy, boolean clearedBySuccess) {
    }

    /** What charging an attempt answered. */
    sealed interface Charge {
    }

    /** Charged to every budget: settle it with {@link #succeeded} or {@link #notVerified}; after a failure the charges stand as the failures they are. */
    record Charged(List<Budget> budgets) implements Charge {
    }

    /** A budget was exhausted: nothing was charged, and the attempt must not be verified. */
    record Refused(Duration retryAfter) implements Charge {
    }

    private final LoginThrottle throttle;

    AttemptBudgets(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    /** Charges one attempt at {@code now} to every budget, in order, or to none when one of them refuses. */
    Charge charge(List<Budget> budgets, Instant now) {
        List<Budget> charged = new ArrayList<>(budgets.size());
        for (Budget budget : budgets) {
            Optional<Duration> wait = chargeOne(budget, now);
            if (wait.isPresent()) {
                charged.forEach(this::giveBack);
                return new Refused(wait.get());
            }
            charged.add(budget);
        }
        return new Charged(List.copyOf(charged));
    }

    /** The attempt succeeded. */
    void succeeded(Charged charge) {
        for (Budget budget : charge.budgets()) {
            if (budget.clearedBySuccess()) {
                throttle.clear(budget.key());
            } else {
                giveBack(budget);
            }
        }
    }

    /** The attempt was never verified (no hashing capacity): it counts neither way. */
    void notVerified(Charged charge) {
        charge.budgets().forEach(this::giveBack);
    }

    private Optional<Duration> chargeOne(Budget budget, Instant now) {
        // A plain read first: under a flood most attempts are refused here, without taking the key's lock.
        Optional<Duration> wait = throttle.attemptsOf(budget.key()).retryAfter(now);
        if (wait.isPresent()) {
            return wait;
        }
        AtomicReference<FailedAttempts> seen = new AtomicReference<>(FailedAttempts.NONE);
        throttle.change(budget.key(), before -> {
            seen.set(before);
            return before.blocksAt(now) ? before : budget.policy().afterFailure(before, now);
        });
        return seen.get().retryAfter(now);
    }

    private void giveBack(Budget budget) {
        throttle.change(budget.key(), budget.policy()::withoutOneFailure);
    }
}
