package dev.gatehouse.adapter.out.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The {@code login_throttle} row as Hibernate sees it: the failures counted against one throttle key. No
 * version column: updates happen under a row lock, so there is nothing to check optimistically.
 */
@Entity
@Table(name = "login_throttle")
class LoginThrottleJpaEntity {

    @Id
    @Column(name = "throttle_key", nullable = false, updatable = false, length = 128)
    private String throttleKey;

    @Column(name = "failures", nullable = false)
    private int failures;

    @Column(name = "first_failure_at", nullable = false)
    private Instant firstFailureAt;

    @Column(name = "last_failure_at", nullable = false)
    private Instant lastFailureAt;

    @Column(name = "blocked_until", nullable = false)
    private Instant blockedUntil;

    protected LoginThrottleJpaEntity() {
    }

    LoginThrottleJpaEntity(String throttleKey) {
        this.throttleKey = throttleKey;
    }

    int getFailures() {
        return failures;
    }

    Instant getFirstFailureAt() {
        return firstFailureAt;
    }

    Instant getLastFailureAt() {
        return lastFailureAt;
    }

    Instant getBlockedUntil() {
        return blockedUntil;
    }

    /** Overwrites the counted failures; the key stays. */
    void setAttempts(int failures, Instant firstFailureAt, Instant lastFailureAt, Instant blockedUntil) {
        this.failures = failures;
        this.firstFailureAt = firstFailureAt;
        this.lastFailureAt = lastFailureAt;
        this.blockedUntil = blockedUntil;
    }
}
