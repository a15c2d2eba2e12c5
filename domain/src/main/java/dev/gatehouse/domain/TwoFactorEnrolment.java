package dev.gatehouse.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A user's TOTP second factor: pending until its owner proves, with one valid code, that an authenticator holds the
 * secret, then active. {@code id} names this enrolment (a new start replaces a pending one, and a confirmation must
 * be of the secret it checked); {@code lastUsedStep} is the latest time step whose code was accepted, so no code is
 * accepted twice ({@link Long#MIN_VALUE}: none yet).
 */
public record TwoFactorEnrolment(UUID id, UserId user, TotpSecret secret, boolean active, long lastUsedStep,
                                 Instant createdAt) {

    public static final long NO_STEP = Long.MIN_VALUE;

    public TwoFactorEnrolment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** A new pending enrolment of {@code secret}; microsecond precision, as every supported store keeps. */
    public static TwoFactorEnrolment start(UserId user, TotpSecret secret, Instant now) {
        return new TwoFactorEnrolment(UUID.randomUUID(), user, secret, false, NO_STEP,
                now.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    }
}
