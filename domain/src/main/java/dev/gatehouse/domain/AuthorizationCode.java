package dev.gatehouse.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An authorization code as stored (RFC 6749 section 4.1.2): what it was issued for, bound to the client, the exact
 * redirect URI, the PKCE challenge, the user (at the security version they signed in with), the granted scopes and
 * the OpenID Connect {@code nonce}, if any. It lives at most {@link #MAX_LIFETIME} and is redeemed once:
 * {@code redeemedAt} and {@code session} say when and which session it started, so that a second use can end it.
 * {@code authTime} is when the person last typed their password in the browser session that got the code (OpenID
 * Connect's {@code auth_time}); never after the code was issued. {@code browserSession} is the browser session that got
 * the code, when it came from one: logging out of it ends the sessions the code started.
 */
public record AuthorizationCode(AuthorizationCodeHash hash, ClientId client, String redirectUri, PkceChallenge challenge,
                                UserId user, long securityVersion, Set<Scope> scopes, Optional<String> nonce,
                                Instant issuedAt, Instant expiresAt, Optional<Instant> redeemedAt,
                                Optional<SessionId> session, Instant authTime, Optional<BrowserSessionId> browserSession) {

    /** RFC 6749 section 4.1.2 recommends at most ten minutes; a code is exchanged within seconds. */
    public static final Duration MAX_LIFETIME = Duration.ofSeconds(60);
    /** Far beyond any nonce a relying party sends; bounds what is stored. */
    public static final int MAX_NONCE_CHARS = 255;
    /** Far beyond any registered redirect URI; bounds what is stored. */
    public static final int MAX_REDIRECT_URI_CHARS = 2000;

    public AuthorizationCode {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(challenge, "challenge");
        Objects.requireNonNull(user, "user");
        scopes = Set.copyOf(scopes);
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(redeemedAt, "redeemedAt");
        Objects.requireNonNull(session, "session");
        if (redirectUri.isEmpty() || redirectUri.length() > MAX_REDIRECT_URI_CHARS) {
            throw new IllegalArgumentException("a redirect URI is 1 to " + MAX_REDIRECT_URI_CHARS + " characters");
        }
        if (nonce.filter(value -> value.length() > MAX_NONCE_CHARS).isPresent()) {
            throw new IllegalArgumentException("a nonce is at most " + MAX_NONCE_CHARS + " characters");
        }
        if (!expiresAt.isAfter(issuedAt) || Duration.between(issuedAt, expiresAt).compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("an authorization code lives more than 0 and at most " + MAX_LIFETIME);
        }
        if (securityVersion < 0) {
            throw new IllegalArgumentException("securityVersion must not be negative");
        }
        Objects.requireNonNull(authTime, "authTime");
        Objects.requireNonNull(browserSession, "browserSession");
        if (authTime.isAfter(issuedAt)) {
            throw new IllegalArgumentException("a person signs in before their code is issued");
        }
        if (redeemedAt.isPresent() != session.isPresent()) {
            throw new IllegalArgumentException("a redeemed code names the session it started, an unredeemed one none");
        }
    }

    /** A code not from a browser session that can be logged out of (as stored before they were recorded). */
    public AuthorizationCode(AuthorizationCodeHash hash, ClientId client, String redirectUri, PkceChallenge challenge,
                             UserId user, long securityVersion, Set<Scope> scopes, Optional<String> nonce,
                             Instant issuedAt, Instant expiresAt, Optional<Instant> redeemedAt, Optional<SessionId> session,
                             Instant authTime) {
        this(hash, client, redirectUri, challenge, user, securityVersion, scopes, nonce, issuedAt, expiresAt, redeemedAt,
                session, authTime, Optional.empty());
    }

    /** A code as stored before codes recorded when the person signed in: then, as far as anyone knows, at its issue. */
    public AuthorizationCode(AuthorizationCodeHash hash, ClientId client, String redirectUri, PkceChallenge challenge,
                             UserId user, long securityVersion, Set<Scope> scopes, Optional<String> nonce,
                             Instant issuedAt, Instant expiresAt, Optional<Instant> redeemedAt, Optional<SessionId> session) {
        this(hash, client, redirectUri, challenge, user, securityVersion, scopes, nonce, issuedAt, expiresAt, redeemedAt,
                session, issuedAt);
    }

    /** A code issued now to {@code user}, who signed in just now, not yet redeemed, expiring after {@link #MAX_LIFETIME}. */
    public static AuthorizationCode issue(AuthorizationCodeHash hash, ClientId client, String redirectUri,
                                          PkceChallenge challenge, User user, Set<Scope> scopes, Optional<String> nonce,
                                          Instant now) {
        return issue(hash, client, redirectUri, challenge, user, scopes, nonce, now, now);
    }

    /** A code issued now to {@code user}, who signed in at {@code authTime}. */
    public static AuthorizationCode issue(AuthorizationCodeHash hash, ClientId client, String redirectUri,
                                          PkceChallenge challenge, User user, Set<Scope> scopes, Optional<String> nonce,
                                          Instant authTime, Instant now) {
        return new AuthorizationCode(hash, client, redirectUri, challenge, user.id(), user.securityVersion(), scopes, nonce,
                now, now.plus(MAX_LIFETIME), Optional.empty(), Optional.empty(), authTime);
    }

    /** The same code, redeemed at {@code at} by starting {@code startedSession}. */
    public AuthorizationCode redeemed(Instant at, SessionId startedSession) {
        return new AuthorizationCode(hash, client, redirectUri, challenge, user, securityVersion, scopes, nonce, issuedAt,
                expiresAt, Optional.of(at), Optional.of(startedSession), authTime, browserSession);
    }

    /** The same code, issued in this browser session: the sessions it starts end when the browser session does. */
    public AuthorizationCode inBrowserSession(BrowserSessionId issuedIn) {
        return new AuthorizationCode(hash, client, redirectUri, challenge, user, securityVersion, scopes, nonce, issuedAt,
                expiresAt, redeemedAt, session, authTime, Optional.of(issuedIn));
    }

    public boolean isRedeemed() {
        return redeemedAt.isPresent();
    }

    /** Whether the code can no longer be redeemed at {@code now} because it is too old. */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "AuthorizationCode[" + hash + ", client=" + client + ", user=" + user + ", redeemed=" + isRedeemed() + "]";
    }
}
