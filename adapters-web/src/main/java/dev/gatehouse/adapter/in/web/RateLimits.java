package dev.gatehouse.adapter.in.web;

import java.time.Duration;
import java.util.Objects;

/**
 * The request budgets checked in the web adapter before any use case runs, so a flood is refused for the price of a
 * map lookup: no database work, no hashing. {@code perClient}: per client address as budgeted ({@link ClientAddressing},
 * an IPv6 /64 or an IPv4 address), for {@code /token}, {@code /revoke}, {@code POST /users} and
 * {@code /users/me/password} together. {@code perNetwork}: the slower second tier per IPv6 /48 or IPv4 /24, which
 * a client holding many /64s or a whole subnet shares. {@code registrations}: registrations per client, on top of
 * the first. {@code introspections}: {@code /introspect} per client address, a budget of its own instead of the
 * others: a resource server asks on every request it serves, which the budgets sized for people logging in would
 * refuse, and the path is cheap (no hashing) and open only to registered resource servers. {@code maxKeys}: buckets
 * kept per tier, so memory stays bounded whatever the number of addresses.
 */
public record RateLimits(RequestRate perClient, RequestRate perNetwork, RequestRate registrations,
                         RequestRate introspections, int maxKeys) {

    /**
     * 60 requests at once and 2 a second per client; 300 and 10 a second per /48 or /24; 20 and 10 a minute
     * registrations; 1,000 and 500 a second introspections.
     */
    public static final RateLimits DEFAULT = new RateLimits(RequestRate.of(60, 2, Duration.ofSeconds(1)),
            RequestRate.of(300, 10, Duration.ofSeconds(1)), RequestRate.of(20, 10, Duration.ofMinutes(1)),
            RequestRate.of(1_000, 500, Duration.ofSeconds(1)), 100_000);
    /** Admits everything. */
    public static final RateLimits UNLIMITED = new RateLimits(RequestRate.UNLIMITED, RequestRate.UNLIMITED,
            RequestRate.UNLIMITED, RequestRate.UNLIMITED, 100_000);

    /** The {@code detail} of a refused request. */
    static final String TOO_MANY = "Too many requests, retry later";

    /** These budgets, introspections held to the per-client one (tests that count refusals with small budgets). */
    public RateLimits(RequestRate perClient, RequestRate perNetwork, RequestRate registrations, int maxKeys) {
        this(perClient, perNetwork, registrations, perClient, maxKeys);
    }

    public static final int IPV6_NETWORK_PREFIX = 48;
    public static final int IPV4_NETWORK_PREFIX = 24;

    public RateLimits {
        Objects.requireNonNull(perClient, "perClient");
        Objects.requireNonNull(perNetwork, "perNetwork");
        Objects.requireNonNull(registrations, "registrations");
        Objects.requireNonNull(introspections, "introspections");
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be at least 1");
        }
    }
}
