package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.RefreshCommand;
import dev.gatehouse.application.port.in.RefreshResult;
import dev.gatehouse.application.port.in.RefreshTokenUseCase;
import dev.gatehouse.application.port.out.AccessTokens;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.BrowserSessionRegistry;
import dev.gatehouse.application.port.out.IdTokenClaims;
import dev.gatehouse.application.port.out.IdTokens;
import dev.gatehouse.application.port.out.ClientRegistry;
import dev.gatehouse.application.port.out.LoginThrottle;
import dev.gatehouse.application.port.out.ThrottleKey;
import dev.gatehouse.application.port.out.RefreshTokens;
import dev.gatehouse.application.port.out.RevokedAccessTokens;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.AccessToken;
import dev.gatehouse.domain.Audience;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.RefreshPolicy;
import dev.gatehouse.domain.RefreshToken;
import dev.gatehouse.domain.RefreshTokenHash;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.StandardClaims;
import dev.gatehouse.domain.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Exchanges a refresh token for a new access token and the next refresh token, rotating on every use. A
 * token that was already exchanged and comes back after the grace window was copied, so its whole session
 * is revoked, its access tokens with it (theft detection); every refusal is the same {@code invalid_grant}. When client applications are
 * registered, the client must authenticate first ({@code invalid_client}), and a refresh token works only for the
 * client its session was started through (RFC 6749 section 6); a token presented by another client is refused
 * like an unknown one, and leaves the session alone, as the other client may be guessing.
 */
public final class RefreshTokenService implements RefreshTokenUseCase {

    private final AttemptBudgets budgets;
    private final RefreshTokens refreshTokens;
    private final AccessTokens accessTokens;
    private final RevokedAccessTokens revokedAccessTokens;
    private final UserRepository users;
    private final AuditLog audit;
    private final RefreshPolicy policy;
    private final ClientAuthentication clientAuthentication;
    private final Clock clock;
    private final SecondFactorPolicy secondFactor;
    private final IdTokens idTokens;
    private final BrowserSessionRegistry browserSessions;

    public RefreshTokenService(RefreshTokens refreshTokens, AccessTokens accessTokens, RevokedAccessTokens revokedAccessTokens,
                               UserRepository users, LoginThrottle throttle, AuditLog audit, RefreshPolicy policy,
                               ClientRegistry clients, Clock clock) {
        this(refreshTokens, accessTokens, revokedAccessTokens, users, throttle, audit, policy,
                new ClientAuthentication(clients, audit, clock), clock, SecondFactorPolicy.none());
    }

    /**
     * With {@code secondFactor}: a session's access tokens leave out the scopes it withholds from an account without a
     * second factor (one removed since the session began).
     */
    RefreshTokenService(RefreshTokens refreshTokens, AccessTokens accessTokens, RevokedAccessTokens revokedAccessTokens,
                        UserRepository users, LoginThrottle throttle, AuditLog audit, RefreshPolicy policy,
                        ClientAuthentication clientAuthentication, Clock clock, SecondFactorPolicy secondFactor) {
        this(refreshTokens, accessTokens, revokedAccessTokens, users, throttle, audit, policy, clientAuthentication, clock,
                secondFactor, IdTokens.none(), BrowserSessionRegistry.none());
    }

    /**
     * With ID tokens on refresh: a session started through the sign-in page with {@code openid} gets a new one, about
     * the same person, signed in at the same time, in the same browser session ({@code browserSessions} remember it).
     */
    RefreshTokenService(RefreshTokens refreshTokens, AccessTokens accessTokens, RevokedAccessTokens revokedAccessTokens,
                        UserRepository users, LoginThrottle throttle, AuditLog audit, RefreshPolicy policy,
                        ClientAuthentication clientAuthentication, Clock clock, SecondFactorPolicy secondFactor, IdTokens idTokens,
                        BrowserSessionRegistry browserSessions) {
        this.secondFactor = secondFactor;
        this.idTokens = idTokens;
        this.browserSessions = browserSessions;
        this.budgets = new AttemptBudgets(throttle, clock);
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
        this.revokedAccessTokens = revokedAccessTokens;
        this.users = users;
        this.audit = audit;
        this.policy = policy;
        this.clientAuthentication = clientAuthentication;
        this.clock = clock;
    }

    @Override
    public RefreshResult refresh(RefreshCommand command) {
        ClientAuthentication.Verdict verdict = clientAuthentication.authenticate(command.clientCredentials(), command.client());
        if (verdict instanceof ClientAuthentication.Refused) {
            return new RefreshResult.InvalidClient();
        }
        Instant now = clock.instant();
        RefreshTokenHash presented = SessionIssuer.hashOf(command.refreshToken());
        Optional<RefreshToken> token = refreshTokens.find(presented);
        if (token.isEmpty()) {
            return new RefreshResult.InvalidGrant(false);
        }
        // Without registered clients nothing is checked: a session started through a client that was registered
        // then keeps its client, and its tokens keep naming it.
        if (verdict instanceof ClientAuthentication.Authenticated
                && !token.get().session().client().equals(ClientAuthentication.clientOf(verdict))) {
            return new RefreshResult.InvalidGrant(false);
        }
        Optional<User> user = users.findById(token.get().session().userId());
        if (user.isEmpty() || user.get().isDisabled()) {
            return new RefreshResult.InvalidGrant(false);
        }
        return switch (policy.judge(token.get(), user.get().securityVersion(), now)) {
            case USABLE -> {
                // A session refreshes a few times an hour; a client looping on it only burns the database.
                Optional<Duration> wait = budgets.spend(AttemptBudgets.Budget.shared(
                        ThrottleKey.refreshes(token.get().session().id()), RefreshPolicy.REFRESHES_PER_SESSION));
                yield wait.<RefreshResult>map(RefreshResult.Throttled::new)
                        .orElseGet(() -> rotate(token.get(), user.get(), command, verdict, now));
            }
            case REPLAYED -> {
                // The thief (or the victim) may hold access tokens of the session too: they stop with it.
                revokedAccessTokens.revokeSession(token.get().session().id(), accessTokens.acceptedAtMostUntil(now));
                if (refreshTokens.revoke(token.get().session().id(), now)) {
                    record(AuditEvent.Type.REFRESH_TOKEN_REUSED, user.get(), command, now);
                }
                yield new RefreshResult.InvalidGrant(false);
            }
            case RACED -> {
                // Refused, the session kept: most likely a client that lost the answer to its refresh. But a thief
                // who used the token first looks the same from here, so the trail keeps every such replay.
                record(AuditEvent.Type.REFRESH_TOKEN_RACED, user.get(), command, now);
                yield new RefreshResult.InvalidGrant(false);
            }
            case EXPIRED, REVOKED -> new RefreshResult.InvalidGrant(false);
        };
    }

    private RefreshResult rotate(RefreshToken token, User user, RefreshCommand command, ClientAuthentication.Verdict verdict,
                                 Instant now) {
        Set<Scope> sessionScopes = token.session().scopes();
        Set<Scope> scopes = command.requestedScopes().orElse(sessionScopes);
        if (!sessionScopes.containsAll(scopes)) {
            return new RefreshResult.InvalidGrant(true);
        }
        // RFC 8707: a refresh may name the session's resource again, or, for a session started for none, narrow its
        // tokens to one resource the client may address; never widen to another.
        Optional<Audience> resource = command.resource().or(() -> token.session().resource());
        if (command.resource().isPresent() && !token.session().resource().map(command.resource().get()::equals)
                .orElseGet(() -> verdict instanceof ClientAuthentication.Authenticated(Client client)
                        && client.mayAddress(command.resource().get()))) {
            return new RefreshResult.InvalidTarget();
        }
        String next = SessionIssuer.newRefreshToken();
        if (!refreshTokens.rotate(token.hash(), SessionIssuer.hashOf(next), now)) {
            // A concurrent exchange of the same token won, or the session was revoked meanwhile.
            return new RefreshResult.InvalidGrant(false);
        }
        record(AuditEvent.Type.TOKEN_REFRESHED, user, command, now);
        AccessToken accessToken = accessTokens.issue(user, secondFactor.allowedOf(user, scopes), token.session().id(), token.session().client(), resource);
        // OpenID Connect Core section 12.2: the same sub, auth_time and sid, new iat and exp, no nonce.
        Optional<String> idToken = scopes.contains(StandardClaims.OPENID) && token.session().client().isPresent()
                ? browserSessions.originOf(token.session().id()).flatMap(origin -> idTokens.issue(new IdTokenClaims(
                        StandardClaims.of(user, scopes), token.session().client().get(), origin.authTime(), Optional.empty(),
                        Optional.of(origin.browserSession())), accessToken))
                : Optional.empty();
        return new RefreshResult.Refreshed(accessToken, next, idToken);
    }

    private void record(AuditEvent.Type type, User user, RefreshCommand command, Instant at) {
        audit.record(new AuditEvent(type, user.username().value(), command.client(), at));
    }
}
