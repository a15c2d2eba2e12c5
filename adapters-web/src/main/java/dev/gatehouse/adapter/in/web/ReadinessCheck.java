package dev.gatehouse.adapter.in.web;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * One thing Gatehouse needs before it can serve requests (the database, say), asked by {@code GET /health/ready}.
 * Only its name and the yes or no reach the answer; whatever went wrong stays in the log.
 */
public interface ReadinessCheck {

    /** A short identifier for the answer: letters, digits, {@code . _ -}, at most 64 characters, unique. */
    String name();

    /**
     * True when the dependency works now. Should answer within {@code timeout}; an answer that takes longer, or
     * an exception, counts as not ready.
     */
    boolean isReady(Duration timeout);

    /** The check called {@code name} that asks {@code readyWithin} (given the timeout) whether it is ready. */
    static ReadinessCheck of(String name, Predicate<Duration> readyWithin) {
        return new ReadinessCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean isReady(Duration timeout) {
                return readyWithin.test(timeout);
            }
        };
    }
}
