package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.RefreshSession;
import dev.gatehouse.domain.RefreshToken;
import dev.gatehouse.domain.RefreshTokenHash;
import dev.gatehouse.domain.SessionId;
import dev.gatehouse.domain.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where sessions and their refresh tokens live, shared by every instance. Only token hashes are stored.
 * Every adapter passes {@code RefreshTokensContract}; in particular {@link #rotate} must be atomic, so that of
 * two concurrent exchanges of one token exactly one wins.
 */
public interface RefreshTokens {

    /** Stores a new session with its first token, issued at {@code issuedAt}. */
    void start(RefreshSession session, RefreshTokenHash first, Instant issuedAt);

    /** The token with this hash and its session (whatever their state), if it was ever issued. */
    Optional<RefreshToken> find(RefreshTokenHash hash);

    /**
     * Marks {@code used} as exchanged at {@code at} and adds {@code next} to its session, issued at {@code at},
     * in one step, but only while {@code used} has not been exchanged yet and its session is not revoked.
     * True when this call did it; false when it changed nothing.
     */
    boolean rotate(RefreshTokenHash used, RefreshTokenHash next, Instant at);

    /** Revokes one session, unless already revoked; true when this call revoked it. */
    boolean revoke(SessionId session, Instant at);

    /** Revokes every session of the user not yet revoked; answers how many. */
    int revokeAllOf(UserId user, Instant at);

    /**
     * Revokes every session started through this client not yet revoked, whoever's it is; answers how many. A client
     * removed from the registry must leave no refresh token behind that could outlive it.
     */
    int revokeAllOfClient(ClientId client, Instant at);

    /** Deletes sessions (and their tokens) that started or were revoked before {@code cutoff}; answers how many. */
    int forgetEndedBefore(Instant cutoff);

    /**
     * The user's sessions not revoked, each with when its newest token was issued (its last use), newest use first.
     * Expiry is the caller's to judge; this store knows no policy.
     */
    List<SessionActivity> activeOf(UserId user);

    /**
     * Revokes {@code session} only when it belongs to {@code owner} and is not revoked yet, in one conditional step;
     * true when this call revoked it. Another user's session id changes nothing and answers false.
     */
    boolean revokeOwn(UserId owner, SessionId session, Instant at);
}
