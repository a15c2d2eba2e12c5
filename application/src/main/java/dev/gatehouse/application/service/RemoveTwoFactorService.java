package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.RemoveTwoFactorUseCase;
import dev.gatehouse.application.port.in.TwoFactorCommand;
import dev.gatehouse.application.port.in.TwoFactorResult;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.HashingOverloadedException;
import dev.gatehouse.application.port.out.LoginThrottle;
import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.application.port.out.ThrottleKey;
import dev.gatehouse.application.port.out.TwoFactorCredentials;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.FailurePolicy;
import dev.gatehouse.domain.User;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Removes the bearer's second factor. A stolen access token alone must not be enough: the request proves a current
 * one-time code or a recovery code ({@link SecondFactorCheck}) or the password (throttled on the account's
 * password-change key, as a password change is). A pending enrolment is removed with the token alone: it protects
 * nothing yet.
 */
public final class RemoveTwoFactorService implements RemoveTwoFactorUseCase {

    private final BearerAuthentication authentication;
    private final TwoFactorCredentials credentials;
    private final SecondFactorCheck secondFactor;
    private final PasswordHasher hasher;
    private final AttemptBudgets budgets;
    private final FailurePolicy backoff;
    private final AuditLog audit;
    private final Clock clock;

    RemoveTwoFactorService(BearerAuthentication authentication, TwoFactorCredentials credentials,
                           SecondFactorCheck secondFactor, PasswordHasher hasher, LoginThrottle throttle, FailurePolicy backoff,
                           AuditLog audit, Clock clock) {
        this.authentication = authentication;
        this.credentials = credentials;
        this.secondFactor = secondFactor;
        this.hasher = hasher;
        this.budgets = new AttemptBudgets(throttle, clock);
        this.backoff = backoff;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public TwoFactorResult remove(TwoFactorCommand command) {
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
        if (credentials.find(user.id()).isEmpty()) {
            return new TwoFactorResult.NotEnrolled();
        }
        if (secondFactor.activeEnrolment(user).isPresent()) {
            TwoFactorResult refusal = command.password().isPresent() && command.code().isEmpty() && command.recoveryCode().isEmpty()
                    ? passwordRefusal(user, command) : codeRefusal(user, command);
            if (refusal != null) {
                return refusal;
            }
        }
        if (!credentials.remove(user.id())) {
            return new TwoFactorResult.NotEnrolled();
        }
        audit.record(new AuditEvent(AuditEvent.Type.TWO_FACTOR_REMOVED, user.username().value(), command.client(),
                clock.instant()));
        return new TwoFactorResult.Done(List.of());
    }

    /** Null when the code is right. */
    private TwoFactorResult codeRefusal(User user, TwoFactorCommand command) {
        return switch (secondFactor.check(user, command.code(), command.recoveryCode(), command.client())) {
            case SecondFactorCheck.Passed passed -> null;
            case SecondFactorCheck.Wrong wrong -> new TwoFactorResult.WrongProof();
            case SecondFactorCheck.Throttled(var retryAfter) -> new TwoFactorResult.Throttled(retryAfter);
            case SecondFactorCheck.NotEnrolled notEnrolled -> new TwoFactorResult.NotEnrolled();
        };
    }

    /** Null when the password is right; throttled like a password change's guesses. */
    private TwoFactorResult passwordRefusal(User user, TwoFactorCommand command) {
        Instant now = clock.instant();
        if (user.passwordHash().directoryEntry().isPresent()) {
            return new TwoFactorResult.WrongProof();
        }
        AttemptBudgets.Charged charged;
        switch (budgets.charge(List.of(AttemptBudgets.Budget.serial(ThrottleKey.passwordChange(user.id()), backoff)))) {
            case AttemptBudgets.Refused refused -> {
                audit.record(new AuditEvent(AuditEvent.Type.SECOND_FACTOR_REFUSED, user.username().value(), command.client(), now));
                return new TwoFactorResult.Throttled(refused.retryAfter());
            }
            case AttemptBudgets.Charged charge -> charged = charge;
        }
        try {
            if (!hasher.verify(command.password().get(), user.passwordHash())) {
                budgets.failed(charged);
                audit.record(new AuditEvent(AuditEvent.Type.SECOND_FACTOR_REFUSED, user.username().value(), command.client(), now));
                return new TwoFactorResult.WrongProof();
            }
            budgets.succeeded(charged);
            return null;
        } catch (HashingOverloadedException overloaded) {
            return new TwoFactorResult.Overloaded(overloaded.retryAfter());
        } finally {
            budgets.notVerified(charged);
        }
    }
}
