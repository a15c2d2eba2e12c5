package dev.gatehouse.application.service;

import dev.gatehouse.application.port.out.AccessTokens;
import dev.gatehouse.application.port.out.RefreshTokens;
import dev.gatehouse.domain.AccessToken;
import dev.gatehouse.domain.Audience;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.RefreshSession;
import dev.gatehouse.domain.RefreshTokenHash;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.User;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * Starts sessions and mints refresh tokens: 256 random bits, base64url, of which only the SHA-256 is stored.
 * Shared by the use cases that hand out a session (log-in, password change) or rotate one (refresh).
 */
final class SessionIssuer {

    private static final int TOKEN_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** An access token and the refresh token of the same session. */
    record Issued(AccessToken accessToken, String refreshToken) {
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
        return new Issued(accessTokens.issue(user, scopes, session.id(), client, resource), refreshToken);
    }

    static String newRefreshToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static RefreshTokenHash hashOf(String refreshToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(refreshToken.getBytes(StandardCharsets.UTF_8));
            return new RefreshTokenHash(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}
