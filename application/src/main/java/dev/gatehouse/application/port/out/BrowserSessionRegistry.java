package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.BrowserSessionId;
import dev.gatehouse.domain.SessionId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the server remembers of browser sessions, whose cookie is otherwise a seal nobody can take back: which have
 * ended (logged out: the cookie, and any copy of it, signs nobody in again, on any instance), and which refresh-token
 * sessions each started through the code flow (they end with it). Shared by every instance; every adapter passes
 * {@code BrowserSessionRegistryContract}. Logging out ends first, then revokes what {@link #sessionsOf} names; the code
 * exchange attaches first, then asks {@link #hasEnded}: of a logout and an exchange that race, one sees the other.
 */
public interface BrowserSessionRegistry {

    /** Where a refresh-token session came from: the browser session, and when its person typed their password. */
    record Origin(BrowserSessionId browserSession, Instant authTime) {
    }

    /** Ends {@code session} at {@code at}; true when this call ended it, false when it had ended already. */
    boolean end(BrowserSessionId session, Instant at);

    /** Whether {@code session} was ended (on any instance). */
    boolean hasEnded(BrowserSessionId session);

    /** Records that the refresh-token session {@code started} came from {@code origin}. */
    void attach(SessionId started, Origin origin);

    /** Where {@code session} came from, when it came from a browser session. */
    Optional<Origin> originOf(SessionId session);

    /** The refresh-token sessions attached to {@code session}, ended or not. */
    List<SessionId> sessionsOf(BrowserSessionId session);

    /**
     * Forgets browser sessions ended before {@code cutoff} (their cookies have expired by then) and attachments made
     * before it (their refresh-token sessions have ended by then); answers how many records went.
     */
    int forgetBefore(Instant cutoff);

    /**
     * For assemblies without browser sign-in (whose seals never open, so no browser session is ever recognised):
     * remembers nothing. An assembly with the authorization code flow wires a real one.
     */
    static BrowserSessionRegistry none() {
        return new BrowserSessionRegistry() {
            @Override
            public boolean end(BrowserSessionId session, Instant at) {
                return false;
            }

            @Override
            public boolean hasEnded(BrowserSessionId session) {
                return false;
            }

            @Override
            public void attach(SessionId started, Origin origin) {
            }

            @Override
            public Optional<Origin> originOf(SessionId session) {
                return Optional.empty();
            }

            @Override
            public List<SessionId> sessionsOf(BrowserSessionId session) {
                return List.of();
            }

            @Override
            public int forgetBefore(Instant cutoff) {
                return 0;
            }
        };
    }
}
