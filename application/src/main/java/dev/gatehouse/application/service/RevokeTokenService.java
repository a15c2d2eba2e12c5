package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.RevokeCommand;
import dev.gatehouse.application.port.in.RevokeResult;
import dev.gatehouse.application.port.in.RevokeTokenUseCase;
import dev.gatehouse.application.port.out.AccessTokenClaims;
import dev.gatehouse.application.port.out.AccessTokens;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.ClientRegistry;
import dev.gatehouse.application.port.out.RefreshTokens;
import dev.gatehouse.application.port.out.RevokedAccessTokens;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.RefreshToken;
import dev.gatehouse.domain.SessionId;
import dev.gatehouse.domain.User;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Revokes the session behind a refresh token or an access token (RFC 7009). The hint only decides which
 * kind is tried first, as the RFC allows; whatever is presented, nothing is revealed. An access token is also refused
 * itself from then on, by its id, and so is every access token of the session. When client applications are
 * registered, the client must authenticate ({@code invalid_client}), and only a token issued to it is revoked
 * (RFC 7009 section 2.1); another client's token is left alone, with the same answer as an unknown one.
 */
public final class RevokeTokenService implements RevokeTokenUseCase {

    private final RefreshTokens refreshTokens;
    private final AccessTokens accessTokens;
    private final RevokedAccessTokens revokedAccessTokens;
    private final UserRepository users;
    private final AuditLog audit;
    private final ClientAuthentication clientAuthentication;
    private final Clock clock;

    public RevokeTokenService(RefreshTokens refreshTokens, AccessTokens accessTokens, RevokedAccessTokens revokedAccessTokens,
                              UserRepository users, AuditLog audit, ClientRegistry clients, Clock clock) {
        this(refreshTokens, accessTokens, revokedAccessTokens, users, audit, new ClientAuthentication(clients, audit, clock), clock);
    }

    RevokeTokenService(RefreshTokens refreshTokens, AccessTokens accessTokens, RevokedAccessTokens revokedAccessTokens,
                       UserRepository users, AuditLog audit, ClientAuthentication clientAuthentication, Clock clock) {
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
        this.revokedAccessTokens = revokedAccessTokens;
        this.users = users;
        this.audit = audit;
        this.clientAuthentication = clientAuthentication;
        this.clock = clock;
    }

    @Override
    public RevokeResult revoke(RevokeCommand command) {
        ClientAuthentication.Verdict verdict = clientAuthentication.authenticate(command.clientCredentials(), command.client());
        if (verdict instanceof ClientAuthentication.Refused) {
            return new RevokeResult.InvalidClient();
        }
        boolean accessTokenFirst = command.tokenTypeHint().filter("access_token"::equals).isPresent();
        Optional<Presented> presented = accessTokenFirst
                ? ofAccessToken(command.token()).or(() -> ofRefreshToken(command.token()))
                : ofRefreshToken(command.token()).or(() -> ofAccessToken(command.token()));
        Instant now = clock.instant();
        presented.filter(found -> !(verdict instanceof ClientAuthentication.Authenticated)
                        || found.client().equals(ClientAuthentication.clientOf(verdict)))
                .ifPresent(found -> {
                    found.accessToken().ifPresent(claims -> revokedAccessTokens.revoke(claims.tokenId(), claims.expiresAt()));
                    // The session's access tokens stop with it, not at their expiry.
                    found.session().ifPresent(session ->
                            revokedAccessTokens.revokeSession(session, accessTokens.acceptedAtMostUntil(now)));
                    if (found.session().filter(session -> refreshTokens.revoke(session, now)).isPresent()) {
                        audit.record(new AuditEvent(AuditEvent.Type.SESSION_REVOKED, found.username(), command.client(), now));
                    }
                });
        if (presented.isEmpty()) {
            // A token a client obtained for itself (client credentials): only that client may revoke it.
            accessTokens.verifyClientToken(command.token())
                    .filter(claims -> ClientAuthentication.clientOf(verdict).equals(Optional.of(claims.client())))
                    .ifPresent(claims -> revokedAccessTokens.revoke(claims.tokenId(), claims.expiresAt()));
        }
        return new RevokeResult.Done();
    }

    /** What the presented token is: its session (if any), user and client, and its claims when it is an access token. */
    private record Presented(Optional<SessionId> session, String username, Optional<ClientId> client,
                             Optional<AccessTokenClaims> accessToken) {
    }

    private Optional<Presented> ofRefreshToken(String token) {
        Optional<RefreshToken> found = refreshTokens.find(SessionIssuer.hashOf(token));
        return found.map(refresh -> new Presented(Optional.of(refresh.session().id()),
                users.findById(refresh.session().userId()).map(User::username).map(Object::toString).orElse(null),
                refresh.session().client(), Optional.empty()));
    }

    private Optional<Presented> ofAccessToken(String token) {
        return accessTokens.verify(token).map(claims -> new Presented(claims.session(), claims.subject().value(),
                claims.client(), Optional.of(claims)));
    }
}
