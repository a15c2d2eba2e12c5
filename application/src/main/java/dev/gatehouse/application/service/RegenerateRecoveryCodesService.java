package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.RegenerateRecoveryCodesUseCase;
import dev.gatehouse.application.port.in.TwoFactorCommand;
import dev.gatehouse.application.port.in.TwoFactorResult;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.TwoFactorCredentials;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.User;
import java.time.Clock;
import java.util.Optional;

/**
 * Replaces the bearer's recovery codes with ten new ones (shown this once), on proof of a current one-time code: the
 * old ones stop working at once.
 */
public final class RegenerateRecoveryCodesService implements RegenerateRecoveryCodesUseCase {

    private final BearerAuthentication authentication;
    private final TwoFactorCredentials credentials;
    private final SecondFactorCheck secondFactor;
    private final AuditLog audit;
    private final Clock clock;

    RegenerateRecoveryCodesService(BearerAuthentication authentication, TwoFactorCredentials credentials,
                                   SecondFactorCheck secondFactor, AuditLog audit, Clock clock) {
        this.authentication = authentication;
        this.credentials = credentials;
        this.secondFactor = secondFactor;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public TwoFactorResult regenerate(TwoFactorCommand command) {
        User user;
        switch (authentication.authenticate(command.accessToken())) {
            case BearerAuthentication.Accepted accepted -> user = accepted.bearer().user();
            case BearerAuthentication.Inactive inactive -> {
                return new TwoFactorResult.InactiveUser();
            }
            case BearerAuthentication.Refused refused -> {
                return new TwoFactorResult.InvalidToken();
            }
        }
        // Only a one-time code: a recovery code is for a lost authenticator, not for minting more recovery codes.
        switch (secondFactor.check(user, command.code(), Optional.empty(), command.client())) {
            case SecondFactorCheck.Passed passed -> {
                // on below
            }
            case SecondFactorCheck.Wrong wrong -> {
                return new TwoFactorResult.WrongProof();
            }
            case SecondFactorCheck.Throttled(var retryAfter) -> {
                return new TwoFactorResult.Throttled(retryAfter);
            }
            case SecondFactorCheck.NotEnrolled notEnrolled -> {
                return new TwoFactorResult.NotEnrolled();
            }
        }
        RecoveryCodes.Issued issued = RecoveryCodes.issue();
        if (!credentials.replaceRecoveryCodes(user.id(), issued.hashes())) {
            return new TwoFactorResult.NotEnrolled();
        }
        audit.record(new AuditEvent(AuditEvent.Type.RECOVERY_CODES_REGENERATED, user.username().value(), command.client(),
                clock.instant()));
        return new TwoFactorResult.Done(issued.codes());
    }
}
