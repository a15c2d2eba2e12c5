package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.RevokeConsentCommand;
import dev.gatehouse.application.port.in.RevokeConsentResult;
import dev.gatehouse.application.port.in.RevokeConsentUseCase;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.Consents;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.AuditEvent;
import java.time.Clock;

/** Forgets a user's consent to a client (one conditional delete), and records who did it. */
public final class RevokeConsentService implements RevokeConsentUseCase {

    private final Consents consents;
    private final UserRepository users;
    private final AuditLog audit;
    private final Clock clock;

    RevokeConsentService(Consents consents, UserRepository users, AuditLog audit, Clock clock) {
        this.consents = consents;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public RevokeConsentResult revoke(RevokeConsentCommand command) {
        if (!consents.revoke(command.user(), command.client())) {
            return new RevokeConsentResult.NotFound();
        }
        String subject = users.findById(command.user()).map(user -> user.username().value())
                .orElse(command.user().value().toString());
        audit.record(new AuditEvent(AuditEvent.Type.CONSENT_REVOKED, subject, command.from(), clock.instant(), command.actor()));
        return new RevokeConsentResult.Revoked();
    }
}
