package dev.gatehouse.application.service;

import dev.gatehouse.application.port.out.AccessTokens;
import dev.gatehouse.application.port.out.RefreshTokens;
import dev.gatehouse.domain.AccessToken;
import dev.gatehouse.domain.Audience;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.RefreshSession;
import dev.gatehouse.domain.RefreshTokenHash;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.SessionId;
import dev.gatehouse.domain.User;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Starts sessions and mints refresh tokens ({@link SecretTokens}: 256 random bits, of which only the SHA-256 is stored).
 * Shared by the use cases that hand out a session (log-in, the code exchange, password change) or rotate one (refresh).
 */
final class SessionIssuer {

    /** An access token and the refresh token of the same session, and that session's id. */
    record Issued(AccessToken accessToken, String refreshToken, SessionId session) {
    }

    private final RefreshTokens refreshTokens;
    private final AccessTokens accessTokens;
    private final Clock clock;

    SessionIssuer(RefreshTokens refreshTokens, AccessTokens accessTokens, Clock clock) {
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
        this.clock = clock;
    }

    /** A new session through {@code client}, if any: only that client may refresh it, and its tokens name it. */
    Issued start(User user, Set<Scope> scopes, Optional<ClientId> client) {
        return start(user, scopes, client, Optional.empty());
    }

    /** The same, for one resource server (RFC 8707): the session remembers it, and its tokens are for it. */
    Issued start(User user, Set<Scope> scopes, Optional<ClientId> client, Optional<Audience> resource) {
        Instant now = clock.instant();
        RefreshSession session = RefreshSession.start(user, scopes, client, resource, now);
        String refreshToken = newRefreshToken();
        refreshTokens.start(session, hashOf(refreshToken), now);
        return new Issued(accessTokens.issue(user, scopes, session.id(), client, resource), refreshToken, session.id());
    }

    static String newRefreshToken() {
        return SecretTokens.newToken();
    }

    static RefreshTokenHash hashOf(String refreshToken) {
        return new RefreshTokenHash(SecretTokens.sha256Hex(refreshToken));
    }
}
