package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.EndSessionCommand;
import dev.gatehouse.application.port.in.EndSessionResult;
import dev.gatehouse.application.port.in.EndSessionUseCase;
import dev.gatehouse.application.port.out.AccessTokens;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.RefreshTokens;
import dev.gatehouse.application.port.out.RevokedAccessTokens;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.SessionId;
import dev.gatehouse.domain.User;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Ends one of the bearer's own sessions. The owner is part of the store's conditional revocation
 * ({@link RefreshTokens#revokeOwn}), so another account's session id ends nothing, and answers as an unknown one does.
 * Once revoked, every access token of the session stops too, as a logout does.
 */
public final class EndSessionService implements EndSessionUseCase {

    private final BearerAuthentication authentication;
    private final RefreshTokens refreshTokens;
    private final RevokedAccessTokens revokedAccessTokens;
    private final AccessTokens accessTokens;
    private final AuditLog audit;
    private final Clock clock;

    EndSessionService(BearerAuthentication authentication, RefreshTokens refreshTokens, RevokedAccessTokens revokedAccessTokens,
                      AccessTokens accessTokens, AuditLog audit, Clock clock) {
        this.authentication = authentication;
        this.refreshTokens = refreshTokens;
        this.revokedAccessTokens = revokedAccessTokens;
        this.accessTokens = accessTokens;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public EndSessionResult endSession(EndSessionCommand command) {
        User user;
        switch (authentication.authenticate(command.accessToken())) {
            case BearerAuthentication.Refused refused -> {
                return new EndSessionResult.InvalidToken();
            }
            case BearerAuthentication.Inactive inactive -> {
                return new EndSessionResult.InactiveUser();
            }
            case BearerAuthentication.Accepted(var bearer) -> user = bearer.user();
        }
        Optional<SessionId> session = SessionId.parse(command.sessionId().strip());
        Instant now = clock.instant();
        if (session.isEmpty() || !refreshTokens.revokeOwn(user.id(), session.get(), now)) {
            return new EndSessionResult.NotFound();
        }
        revokedAccessTokens.revokeSession(session.get(), accessTokens.acceptedAtMostUntil(now));
        audit.record(new AuditEvent(AuditEvent.Type.SESSION_REVOKED, user.username().value(), command.client(), now));
        return new EndSessionResult.Ended();
    }
}
