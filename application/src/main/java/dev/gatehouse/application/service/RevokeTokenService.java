package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.RevokeCommand;
import dev.gatehouse.application.port.in.RevokeTokenUseCase;
import dev.gatehouse.application.port.out.AccessTokenClaims;
import dev.gatehouse.application.port.out.AccessTokens;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.RefreshTokens;
import dev.gatehouse.application.port.out.RevokedAccessTokens;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.RefreshToken;
import dev.gatehouse.domain.SessionId;
import dev.gatehouse.domain.User;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Revokes the session behind a refresh token or an access token (RFC 7009); an access token is also refused
 * itself from now on, by its id. The hint only decides which kind is tried first, as the RFC allows; whatever is
 * presented, nothing is revealed.
 */
public final class RevokeTokenService implements RevokeTokenUseCase {

    private final RefreshTokens refreshTokens;
    private final AccessTokens accessTokens;
    private final RevokedAccessTokens revokedAccessTokens;
    private final UserRepository users;
    private final AuditLog audit;
    private final Clock clock;

    public RevokeTokenService(RefreshTokens refreshTokens, AccessTokens accessTokens, RevokedAccessTokens revokedAccessTokens,
                              UserRepository users, AuditLog audit, Clock clock) {
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
        this.revokedAccessTokens = revokedAccessTokens;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void revoke(RevokeCommand command) {
        boolean accessTokenFirst = command.tokenTypeHint().filter("access_token"::equals).isPresent();
        Optional<Session> session = accessTokenFirst
                ? ofAccessToken(command.token()).or(() -> ofRefreshToken(command.token()))
                : ofRefreshToken(command.token()).or(() -> ofAccessToken(command.token()));
        Instant now = clock.instant();
        session.filter(found -> refreshTokens.revoke(found.id(), now))
                .ifPresent(revoked -> audit.record(new AuditEvent(AuditEvent.Type.SESSION_REVOKED, revoked.username(),
                        command.client(), now)));
    }

    private record Session(SessionId id, String username) {
    }

    private Optional<Session> ofRefreshToken(String token) {
        Optional<RefreshToken> found = refreshTokens.find(SessionIssuer.hashOf(token));
        return found.map(refresh -> new Session(refresh.session().id(),
                users.findById(refresh.session().userId()).map(User::username).map(Object::toString).orElse(null)));
    }

    /** The access token's session; the token itself is refused from now on, session or not. */
    private Optional<Session> ofAccessToken(String token) {
        Optional<AccessTokenClaims> claims = accessTokens.verify(token);
        claims.ifPresent(verified -> revokedAccessTokens.revoke(verified.tokenId(), verified.expiresAt()));
        return claims.flatMap(verified -> verified.session().map(id -> new Session(id, verified.subject().value())));
    }
}
