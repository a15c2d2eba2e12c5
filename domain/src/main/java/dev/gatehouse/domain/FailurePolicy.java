package dev.gatehouse.domain;

import java.time.Instant;

/**
 * How one throttle key counts failed attempts. An attempt is charged as a failure before it is verified, so that
 * parallel attempts cannot all pass a check that would only count them afterwards; one that turns out not to fail
 * is given back.
 */
public interface FailurePolicy {

    /** The record after one more failure at {@code now}. */
    FailedAttempts afterFailure(FailedAttempts before, Instant now);

    /** The record with one charged failure given back: the attempt was not a failure after all. */
    FailedAttempts withoutOneFailure(FailedAttempts charged);
}
