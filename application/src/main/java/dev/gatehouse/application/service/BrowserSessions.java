package dev.gatehouse.application.service;

import dev.gatehouse.application.port.out.Seals;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The browser session that spares a signed-in person the sign-in page on their next authorization request: a seal
 * naming the user and the security version they signed in at. It ends when it expires, and at once when the account
 * is disabled or its security version moves on (a password change, "log out everywhere", a role change), since the
 * seal no longer matches the stored user.
 */
final class BrowserSessions {

    /** How long a browser session spares the sign-in page. */
    static final Duration LIFETIME = Duration.ofHours(8);

    private final Seals seals;
    private final UserRepository users;
    private final Clock clock;

    BrowserSessions(Seals seals, UserRepository users, Clock clock) {
        this.seals = seals;
        this.users = users;
        this.clock = clock;
    }

    /** A new session for {@code user}, signed in now. */
    String start(User user) {
        Instant now = clock.instant();
        return seals.seal(Seals.Purpose.BROWSER_SESSION,
                user.id().value() + "|" + user.securityVersion() + "|" + now.getEpochSecond(), now.plus(LIFETIME));
    }

    /** A recognised session: its user as stored now, and when they typed their password (OpenID's {@code auth_time}). */
    record SignedIn(User user, Instant signedInAt) {
    }

    /** The user whose session {@code sealed} is, when it is one of ours, unexpired and still matches the account. */
    Optional<SignedIn> recognise(Optional<String> sealed) {
        return sealed.flatMap(value -> seals.open(Seals.Purpose.BROWSER_SESSION, value, clock.instant()))
                .flatMap(BrowserSessions::parse)
                .flatMap(session -> users.findById(session.user())
                        .filter(user -> !user.isDisabled() && user.securityVersion() == session.securityVersion())
                        .map(user -> new SignedIn(user, session.signedInAt())));
    }

    private record Content(UserId user, long securityVersion, Instant signedInAt) {
    }

    private static Optional<Content> parse(String content) {
        String[] fields = content.split("\\|", -1);
        if (fields.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Content(new UserId(java.util.UUID.fromString(fields[0])), Long.parseLong(fields[1]),
                    Instant.ofEpochSecond(Long.parseLong(fields[2]))));
        } catch (IllegalArgumentException | java.time.DateTimeException malformed) {
            return Optional.empty();
        }
    }
}
