package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.LogOutCommand;
import dev.gatehouse.application.port.in.LogOutResult;
import dev.gatehouse.application.port.in.LogOutUseCase;
import dev.gatehouse.application.port.out.AccessTokenClaims;
import dev.gatehouse.application.port.out.AccessTokens;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.RefreshTokens;
import dev.gatehouse.application.port.out.RevokedAccessTokens;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.User;
import java.time.Clock;
import java.time.Instant;

/**
 * Ends the caller's session (its refresh token and every access token of the session stop working), or, everywhere, moves the user's security
 * version on and revokes every session, so every token issued so far is refused at once.
 */
public final class LogOutService implements LogOutUseCase {

    private final BearerAuthentication authentication;
    private final AccessTokens accessTokens;
    private final RevokedAccessTokens revokedAccessTokens;
    private final UserRepository users;
    private final RefreshTokens refreshTokens;
    private final AuditLog audit;
    private final Clock clock;

    public LogOutService(AccessTokens accessTokens, RevokedAccessTokens revokedAccessTokens, UserRepository users,
                         RefreshTokens refreshTokens, AuditLog audit, Clock clock) {
        this.authentication = new BearerAuthentication(accessTokens, revokedAccessTokens, users);
        this.accessTokens = accessTokens;
        this.revokedAccessTokens = revokedAccessTokens;
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public LogOutResult logOut(LogOutCommand command) {
        if (!(authentication.authenticate(command.accessToken()) instanceof BearerAuthentication.Accepted accepted)) {
            return new LogOutResult.InvalidToken();
        }
        Instant now = clock.instant();
        User user = accepted.bearer().user();
        if (command.everywhere()) {
            users.change(user.id(), User::endAllSessions);
            refreshTokens.revokeAllOf(user.id(), now);
            audit.record(new AuditEvent(AuditEvent.Type.LOGGED_OUT_EVERYWHERE, user.username().value(), command.client(), now));
        } else {
            AccessTokenClaims claims = accepted.bearer().claims();
            claims.session().ifPresent(session -> {
                // Every access token of the session stops, not only the one presented.
                revokedAccessTokens.revokeSession(session, accessTokens.acceptedAtMostUntil(now));
                refreshTokens.revoke(session, now);
            });
            // The token logged out with stops too, not only at its expiry.
            revokedAccessTokens.revoke(claims.tokenId(), claims.expiresAt());
            audit.record(new AuditEvent(AuditEvent.Type.LOGGED_OUT, user.username().value(), command.client(), now));
        }
        return new LogOutResult.LoggedOut();
    }
}
