package dev.gatehouse.application.service;

import dev.gatehouse.application.port.out.BrowserSessionRegistry;
import dev.gatehouse.application.port.out.Seals;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.BrowserSessionId;
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
 * seal no longer matches the stored user. Each session has an id ({@link BrowserSessionId}, 128 random bits) inside
 * the seal: once logged out ({@link BrowserSessionRegistry#end}) the cookie, and every copy of it, is refused on every
 * instance. A seal from before sessions had ids is refused too (its person signs in once more), as it could not be ended.
 */
final class BrowserSessions {

    /** How long a browser session spares the sign-in page. */
    static final Duration LIFETIME = Duration.ofHours(8);

    private final Seals seals;
    private final UserRepository users;
    private final Clock clock;
    private final BrowserSessionRegistry registry;

    BrowserSessions(Seals seals, UserRepository users, Clock clock, BrowserSessionRegistry registry) {
        this.seals = seals;
        this.users = users;
        this.clock = clock;
        this.registry = registry;
    }

    /** A session just started: the cookie's sealed value, and the session's id. */
    record Started(String sealed, BrowserSessionId id) {
    }

    /** A new session for {@code user}, signed in now. */
    Started start(User user) {
        Instant now = clock.instant();
        BrowserSessionId id = BrowserSessionId.newId();
        return new Started(seals.seal(Seals.Purpose.BROWSER_SESSION,
                user.id().value() + "|" + user.securityVersion() + "|" + now.getEpochSecond() + "|" + id.value(),
                now.plus(LIFETIME)), id);
    }

    /**
     * A recognised session: its user as stored now, when they typed their password (OpenID's {@code auth_time}), and
     * its id.
     */
    record SignedIn(User user, Instant signedInAt, BrowserSessionId id) {
    }

    /** The user whose session {@code sealed} is, when it is one of ours, unexpired and still matches the account. */
    Optional<SignedIn> recognise(Optional<String> sealed) {
        return sealed.flatMap(value -> seals.open(Seals.Purpose.BROWSER_SESSION, value, clock.instant()))
                .flatMap(BrowserSessions::parse)
                .filter(session -> !registry.hasEnded(session.id()))
                .flatMap(session -> users.findById(session.user())
                        .filter(user -> !user.isDisabled() && user.securityVersion() == session.securityVersion())
                        .map(user -> new SignedIn(user, session.signedInAt(), session.id())));
    }

    /** The id of the session {@code sealed} is, when it is one of ours and unexpired, whether or not it was ended. */
    Optional<BrowserSessionId> idOf(Optional<String> sealed) {
        return sealed.flatMap(value -> seals.open(Seals.Purpose.BROWSER_SESSION, value, clock.instant()))
                .flatMap(BrowserSessions::parse).map(Content::id);
    }

    private record Content(UserId user, long securityVersion, Instant signedInAt, BrowserSessionId id) {
    }

    private static Optional<Content> parse(String content) {
        String[] fields = content.split("\\|", -1);
        if (fields.length != 4 || BrowserSessionId.parse(fields[3]).isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Content(new UserId(java.util.UUID.fromString(fields[0])), Long.parseLong(fields[1]),
                    Instant.ofEpochSecond(Long.parseLong(fields[2])), new BrowserSessionId(fields[3])));
        } catch (IllegalArgumentException | java.time.DateTimeException malformed) {
            return Optional.empty();
        }
    }
}
