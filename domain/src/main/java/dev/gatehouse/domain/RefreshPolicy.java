package dev.gatehouse.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long sessions last and how a presented refresh token is judged. A session ends at the latest
 * {@code absoluteLifetime} after its login, and earlier when no refresh happened for {@code idleTimeout}.
 * A token already exchanged, presented again within {@code reuseGrace} of its exchange, is taken for a
 * client racing itself (two tabs refreshing at once) and refused without ending the session; later, it is
 * taken for a stolen copy and the whole session is revoked (RFC 9700 section 4.14.2).
 */
public record RefreshPolicy(Duration absoluteLifetime, Duration idleTimeout, Duration reuseGrace) {

    /**
     * How often one session may refresh: 30 times a minute, far beyond any client that refreshes when its access
     * token runs out, and a bound on one that loops. Counted like a client's failures (a budget per window).
     */
    public static final ClientBudget REFRESHES_PER_SESSION = new ClientBudget(30, Duration.ofMinutes(1));

    public static final RefreshPolicy DEFAULT = new RefreshPolicy(Duration.ofDays(30), Duration.ofDays(7), Duration.ofSeconds(10));

    /** What to do with a presented refresh token. */
    public enum Verdict {
        /** Exchange it for a new one. */
        USABLE,
        /** Refuse: the session ended by time. */
        EXPIRED,
        /** Refuse: the session was revoked, or the user's security version moved on since it started. */
        REVOKED,
        /** Refuse, but leave the session alone: a concurrent exchange of the same token just won. */
        RACED,
        /** Refuse and revoke the session: an exchanged token came back, so it was copied. */
        REPLAYED
    }

    public RefreshPolicy {
        requirePositive(absoluteLifetime, "absoluteLifetime");
        requirePositive(idleTimeout, "idleTimeout");
        Objects.requireNonNull(reuseGrace, "reuseGrace");
        if (reuseGrace.isNegative() || reuseGrace.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("reuseGrace must be between 0 and 1 minute, got " + reuseGrace);
        }
        if (idleTimeout.compareTo(absoluteLifetime) > 0) {
            throw new IllegalArgumentException("idleTimeout must not exceed absoluteLifetime");
        }
    }

    public Verdict judge(RefreshToken token, long usersSecurityVersion, Instant now) {
        RefreshSession session = token.session();
        if (session.isRevoked() || session.securityVersion() < usersSecurityVersion) {
            return Verdict.REVOKED;
        }
        if (token.rotatedAt().isPresent()) {
            return now.isAfter(token.rotatedAt().get().plus(reuseGrace)) ? Verdict.REPLAYED : Verdict.RACED;
        }
        if (!now.isBefore(usableUntil(token))) {
            return Verdict.EXPIRED;
        }
        return Verdict.USABLE;
    }

    /**
     * When {@code token} stops being usable unless it is exchanged first: its session's absolute end, or the end of
     * its idle time, whichever comes first.
     */
    public Instant usableUntil(RefreshToken token) {
        Instant sessionEnd = endOfSessionStartedAt(token.session().startedAt());
        Instant idleEnd = token.issuedAt().plus(idleTimeout);
        return idleEnd.isBefore(sessionEnd) ? idleEnd : sessionEnd;
    }

    /** When a session started at {@code startedAt} ends at the latest, for housekeeping. */
    public Instant endOfSessionStartedAt(Instant startedAt) {
        return startedAt.plus(absoluteLifetime);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + duration);
        }
    }
}
