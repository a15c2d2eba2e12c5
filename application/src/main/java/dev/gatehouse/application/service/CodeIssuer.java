package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.IssuedCode;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.AuthorizationCodes;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.AuthorizationCode;
import dev.gatehouse.domain.AuthorizationCodeHash;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.ScopePolicy;
import dev.gatehouse.domain.StandardClaims;
import dev.gatehouse.domain.User;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * Issues authorization codes: 256 random bits, base64url, of which only the SHA-256 is stored, bound to everything
 * the request named (client, exact redirect URI, PKCE challenge, nonce) and to the user and the scopes granted,
 * for at most {@link AuthorizationCode#MAX_LIFETIME}.
 */
final class CodeIssuer {

    private static final int CODE_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AuthorizationCodes codes;
    private final ScopePolicy scopes;
    private final AuditLog audit;
    private final Clock clock;
    private final SecondFactorPolicy secondFactor;

    /** Codes whose scopes leave out what {@code secondFactor} withholds from an account without a second factor. */
    CodeIssuer(AuthorizationCodes codes, ScopePolicy scopes, AuditLog audit, Clock clock, SecondFactorPolicy secondFactor) {
        this.secondFactor = secondFactor;
        this.codes = codes;
        this.scopes = scopes;
        this.audit = audit;
        this.clock = clock;
    }

    /** A code for {@code user}, who has just typed their password. */
    IssuedCode issue(AuthorizationRequests.Valid request, User user, ClientAddress from) {
        return issue(request, user, java.util.Optional.empty(), from);
    }

    /** A code for {@code user}, who typed their password at {@code signedInAt} (now, when empty). */
    IssuedCode issue(AuthorizationRequests.Valid request, User user, java.util.Optional<Instant> signedInAt, ClientAddress from) {
        return issue(request, user, signedInAt, java.util.Optional.empty(), from);
    }

    /**
     * A code for {@code user}, who typed their password at {@code signedInAt} (now, when empty) in browser session
     * {@code browserSession}: the sessions its exchange starts end when that browser session is logged out of.
     */
    IssuedCode issue(AuthorizationRequests.Valid request, User user, java.util.Optional<Instant> signedInAt,
                     java.util.Optional<dev.gatehouse.domain.BrowserSessionId> browserSession, ClientAddress from) {
        Instant now = clock.instant();
        // What the user's roles grant, and of that only what the client may hold.
        // OpenID Connect's scopes only release what the person says about themselves, so every user may grant them;
        // the client must still be allowed them.
        Set<Scope> grantable = new java.util.LinkedHashSet<>(scopes.grant(user, request.scopes()));
        request.scopes().stream().filter(StandardClaims.SCOPES::contains).forEach(grantable::add);
        Set<Scope> granted = secondFactor.allowedOf(user, request.client().allowedOf(grantable));
        byte[] bytes = new byte[CODE_BYTES];
        RANDOM.nextBytes(bytes);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        AuthorizationCode issued = AuthorizationCode.issue(hashOf(code), request.client().id(), request.redirectUri(),
                request.challenge(), user, granted, request.nonce(), signedInAt.filter(at -> !at.isAfter(now)).orElse(now), now);
        codes.store(browserSession.map(issued::inBrowserSession).orElse(issued));
        audit.record(new AuditEvent(AuditEvent.Type.AUTHORIZATION_CODE_ISSUED, user.username().value(), from, now));
        return new IssuedCode(request.redirectUri(), code, request.state());
    }

    /** The stored form of a code; no code can have another's hash. */
    static AuthorizationCodeHash hashOf(String code) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8));
            return new AuthorizationCodeHash(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}
