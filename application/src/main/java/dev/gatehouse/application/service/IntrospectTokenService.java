package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.IntrospectCommand;
import dev.gatehouse.application.port.in.IntrospectResult;
import dev.gatehouse.application.port.in.IntrospectTokenUseCase;
import dev.gatehouse.application.port.out.AccessTokenClaims;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.ClientRegistry;
import dev.gatehouse.application.port.out.RefreshTokens;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.RefreshPolicy;
import dev.gatehouse.domain.RefreshSession;
import dev.gatehouse.domain.RefreshToken;
import dev.gatehouse.domain.User;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Token introspection (RFC 7662). An access token is judged by the same {@link BearerAuthentication} that admits a
 * bearer at {@code /users/me}, so the two can never disagree; a refresh token by the {@link RefreshPolicy} the
 * refresh grant applies, read-only: introspecting an exchanged token neither rotates it nor revokes its session (the
 * caller is a resource server, not the token's holder). The hint only decides which kind is tried first. Only a
 * registered confidential client allowed to introspect may ask; with no client registered nobody may. A caller
 * that authenticates but may not introspect is audited as an unauthorized client; a failed authentication is audited
 * by {@link ClientAuthentication}; an answer about a token is not an event (resource servers ask on every request).
 */
public final class IntrospectTokenService implements IntrospectTokenUseCase {

    private final BearerAuthentication bearers;
    private final RefreshTokens refreshTokens;
    private final UserRepository users;
    private final RefreshPolicy policy;
    private final ClientAuthentication clientAuthentication;
    private final Clock clock;

    IntrospectTokenService(BearerAuthentication bearers, RefreshTokens refreshTokens, UserRepository users,
                           RefreshPolicy policy, ClientRegistry clients, AuditLog audit, Clock clock) {
        this(bearers, refreshTokens, users, policy, new ClientAuthentication(clients, audit, clock), clock);
    }

    IntrospectTokenService(BearerAuthentication bearers, RefreshTokens refreshTokens, UserRepository users,
                           RefreshPolicy policy, ClientAuthentication clientAuthentication, Clock clock) {
        this.bearers = bearers;
        this.refreshTokens = refreshTokens;
        this.users = users;
        this.policy = policy;
        this.clientAuthentication = clientAuthentication;
        this.clock = clock;
    }

    @Override
    public IntrospectResult introspect(IntrospectCommand command) {
        ClientAuthentication.Verdict verdict = clientAuthentication.authenticate(command.clientCredentials(), command.client());
        if (!(verdict instanceof ClientAuthentication.Authenticated(Client client))) {
            // No clients registered (NotRequired) is refused too: introspection is never open.
            return new IntrospectResult.InvalidClient();
        }
        if (!client.mayIntrospect()) {
            clientAuthentication.record(AuditEvent.Type.UNAUTHORIZED_CLIENT, command.clientCredentials(), command.client());
            return new IntrospectResult.InvalidClient();
        }
        boolean refreshFirst = command.tokenTypeHint().filter("refresh_token"::equals).isPresent();
        Optional<IntrospectResult.Active> active = refreshFirst
                ? ofRefreshToken(command.token()).or(() -> ofAccessToken(command.token()))
                : ofAccessToken(command.token()).or(() -> ofRefreshToken(command.token()));
        if (active.isPresent()) {
            return active.get();
        }
        return bearers.authenticateClient(command.token())
                .<IntrospectResult>map(claims -> new IntrospectResult.ActiveClient(claims.client(), claims.scopes(),
                        claims.issuedAt(), claims.expiresAt(), claims.tokenId(), claims.audiences()))
                .orElseGet(IntrospectResult.Inactive::new);
    }

    private Optional<IntrospectResult.Active> ofAccessToken(String token) {
        if (!(bearers.authenticate(token) instanceof BearerAuthentication.Accepted(BearerAuthentication.Bearer bearer))) {
            return Optional.empty();
        }
        AccessTokenClaims claims = bearer.claims();
        return Optional.of(new IntrospectResult.Active(IntrospectResult.TokenType.ACCESS_TOKEN, claims.subject(),
                claims.scopes(), claims.client(), claims.issuedAt(), Optional.of(claims.expiresAt()),
                Optional.of(claims.tokenId()), claims.audiences()));
    }

    private Optional<IntrospectResult.Active> ofRefreshToken(String token) {
        // SHA-256 of a random token, as stored: microseconds, not a password hash.
        Optional<RefreshToken> found = refreshTokens.find(SessionIssuer.hashOf(token));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        RefreshSession session = found.get().session();
        Optional<User> user = users.findById(session.userId()).filter(stored -> !stored.isDisabled());
        Instant now = clock.instant();
        if (user.isEmpty() || policy.judge(found.get(), user.get().securityVersion(), now) != RefreshPolicy.Verdict.USABLE) {
            return Optional.empty();
        }
        return Optional.of(new IntrospectResult.Active(IntrospectResult.TokenType.REFRESH_TOKEN, user.get().username(),
                session.scopes(), session.client(), found.get().issuedAt(), Optional.of(policy.usableUntil(found.get())),
                Optional.empty()));
    }
}
