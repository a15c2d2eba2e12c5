package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.ConfirmTwoFactorUseCase;
import dev.gatehouse.application.port.in.TwoFactorCommand;
import dev.gatehouse.application.port.in.TwoFactorResult;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.LoginThrottle;
import dev.gatehouse.application.port.out.OneTimePasswords;
import dev.gatehouse.application.port.out.ThrottleKey;
import dev.gatehouse.application.port.out.TwoFactorCredentials;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.FailurePolicy;
import dev.gatehouse.domain.TwoFactorEnrolment;
import dev.gatehouse.domain.User;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Confirms a pending enrolment with one valid code of its secret: the enrolment becomes active with that code's step
 * spent and ten new recovery codes (shown this once), in one conditional write, so a start that replaced the secret
 * meanwhile wins and this confirmation fails. Wrong codes are throttled on the account's second-factor key.
 */
public final class ConfirmTwoFactorService implements ConfirmTwoFactorUseCase {

    private final BearerAuthentication authentication;
    private final TwoFactorCredentials credentials;
    private final OneTimePasswords codes;
    private final AttemptBudgets budgets;
    private final FailurePolicy backoff;
    private final AuditLog audit;
    private final Clock clock;

    ConfirmTwoFactorService(BearerAuthentication authentication, TwoFactorCredentials credentials, OneTimePasswords codes,
                            LoginThrottle throttle, FailurePolicy backoff, AuditLog audit, Clock clock) {
        this.authentication = authentication;
        this.credentials = credentials;
        this.codes = codes;
        this.budgets = new AttemptBudgets(throttle, clock);
        this.backoff = backoff;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public TwoFactorResult confirm(TwoFactorCommand command) {
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
        Optional<TwoFactorEnrolment> pending = credentials.find(user.id()).filter(enrolment -> !enrolment.active());
        if (pending.isEmpty()) {
            return new TwoFactorResult.NotEnrolled();
        }
        Instant now = clock.instant();
        AttemptBudgets.Charged charged;
        switch (budgets.charge(List.of(AttemptBudgets.Budget.serial(ThrottleKey.secondFactor(user.id()), backoff)))) {
            case AttemptBudgets.Refused refused -> {
                audit.record(new AuditEvent(AuditEvent.Type.SECOND_FACTOR_REFUSED, user.username().value(), command.client(), now));
                return new TwoFactorResult.Throttled(refused.retryAfter());
            }
            case AttemptBudgets.Charged charge -> charged = charge;
        }
        try {
            OptionalLong step = codes.matchingStep(pending.get().secret(), command.code().orElse(""), now);
            RecoveryCodes.Issued recovery = RecoveryCodes.issue();
            if (step.isEmpty() || !credentials.activate(user.id(), pending.get().id(), step.getAsLong(), recovery.hashes())) {
                budgets.failed(charged);
                audit.record(new AuditEvent(AuditEvent.Type.SECOND_FACTOR_REFUSED, user.username().value(), command.client(), now));
                return new TwoFactorResult.WrongProof();
            }
            budgets.succeeded(charged);
            audit.record(new AuditEvent(AuditEvent.Type.TWO_FACTOR_CONFIRMED, user.username().value(), command.client(), now));
            return new TwoFactorResult.Done(recovery.codes());
        } finally {
            budgets.notVerified(charged);
        }
    }
}
