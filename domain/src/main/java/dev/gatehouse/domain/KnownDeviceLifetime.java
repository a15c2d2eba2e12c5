package dev.gatehouse.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a known-device credential (and the cookie that carries it) lives: the credential's expiry and the
 * cookie's {@code Max-Age} must agree, so both sides check the same bounds here.
 */
public final class KnownDeviceLifetime {

    /** A month: a device that signs in monthly stays known. */
    public static final Duration DEFAULT = Duration.ofDays(30);
    /** The longest a browser keeps a cookie (RFC 6265bis caps {@code Max-Age} at 400 days). */
    public static final Duration MAX = Duration.ofDays(400);

    private KnownDeviceLifetime() {
    }

    /** Whole seconds (expiry and cookie Max-Age carry seconds), from 1 second to {@link #MAX}. */
    public static Duration require(Duration lifetime) {
        Objects.requireNonNull(lifetime, "known-device lifetime must not be null");
        if (lifetime.compareTo(Duration.ofSeconds(1)) < 0 || lifetime.compareTo(MAX) > 0 || lifetime.getNano() != 0) {
            throw new IllegalArgumentException("known-device lifetime must be whole seconds, at least 1 second and at most 400 days");
        }
        return lifetime;
    }
}
