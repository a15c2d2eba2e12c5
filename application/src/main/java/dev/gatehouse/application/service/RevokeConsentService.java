package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.RevokeConsentCommand;
import dev.gatehouse.application.port.in.RevokeConsentResult;
import dev.gatehouse.application.port.in.RevokeConsentUseCase;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.Consents;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.application.port.out.AccessTokens;
import dev.gatehouse.application.port.out.RefreshTokens;
import dev.gatehouse.application.port.out.RevokedAccessTokens;
import dev.gatehouse.application.port.out.SessionActivity;
import dev.gatehouse.domain.SessionId;
import java.time.Clock;
import java.time.Instant;

/**
 * Forgets a user's consent to a client (one conditional delete), ends every session the user has with that client (its
 * refresh tokens and their access tokens stop, as a logout's do: taking consent back takes the access back too, not
 * only the next request for it), and records who did it.
 */
public final class RevokeConsentService implements RevokeConsentUseCase {

    private final Consents consents;
    private final UserRepository users;
    private final AuditLog audit;
    private final Clock clock;
    private final RefreshTokens refreshTokens;
    private final RevokedAccessTokens revokedAccessTokens;
    private final AccessTokens accessTokens;

    RevokeConsentService(Consents consents, UserRepository users, AuditLog audit, Clock clock, RefreshTokens refreshTokens,
                         RevokedAccessTokens revokedAccessTokens, AccessTokens accessTokens) {
        this.consents = consents;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
        this.refreshTokens = refreshTokens;
        this.revokedAccessTokens = revokedAccessTokens;
        this.accessTokens = accessTokens;
    }

    @Override
    public RevokeConsentResult revoke(RevokeConsentCommand command) {
        if (!consents.revoke(command.user(), command.client())) {
            return new RevokeConsentResult.NotFound();
        }
        Instant now = clock.instant();
        for (SessionActivity activity : refreshTokens.activeOf(command.user())) {
            SessionId session = activity.session().id();
            if (activity.session().client().filter(command.client()::equals).isPresent()
                    && refreshTokens.revokeOwn(command.user(), session, now)) {
                revokedAccessTokens.revokeSession(session, accessTokens.acceptedAtMostUntil(now));
            }
        }
        String subject = users.findById(command.user()).map(user -> user.username().value())
                .orElse(command.user().value().toString());
        audit.record(new AuditEvent(AuditEvent.Type.CONSENT_REVOKED, subject, command.from(), now, command.actor()));
        return new RevokeConsentResult.Revoked();
    }
}
