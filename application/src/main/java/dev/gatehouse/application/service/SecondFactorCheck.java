package dev.gatehouse.application.service;

import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.LoginThrottle;
import dev.gatehouse.application.port.out.OneTimePasswords;
import dev.gatehouse.application.port.out.ThrottleKey;
import dev.gatehouse.application.port.out.TwoFactorCredentials;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.FailurePolicy;
import dev.gatehouse.domain.TwoFactorEnrolment;
import dev.gatehouse.domain.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The one check of a second factor, shared by the mfa-otp grant, the sign-in page's second step and the requests that
 * change an enrolment: a one-time code of the active secret (within one step of now, and later than any step accepted
 * before, by a conditional write, so each code works once across instances) or an unused recovery code (used up by a
 * conditional delete). Wrong codes are throttled like passwords, one attempt at a time, on the account's own
 * {@link ThrottleKey#secondFactor} key; every refusal and every recovery code used is audited.
 */
final class SecondFactorCheck {

    sealed interface Verdict {
    }

    /** Right; {@code recoveryCodeUsed} when a recovery code stood in for the one-time code. */
    record Passed(boolean recoveryCodeUsed) implements Verdict {
    }

    /** Wrong, already used, or neither code given. */
    record Wrong() implements Verdict {
    }

    /** Too many wrong codes lately; nothing was checked. */
    record Throttled(Duration retryAfter) implements Verdict {
    }

    /** The user has no active second factor. */
    record NotEnrolled() implements Verdict {
    }

    private final TwoFactorCredentials credentials;
    private final OneTimePasswords codes;
    private final AttemptBudgets budgets;
    private final FailurePolicy backoff;
    private final AuditLog audit;
    private final Clock clock;

    SecondFactorCheck(TwoFactorCredentials credentials, OneTimePasswords codes, LoginThrottle throttle, FailurePolicy backoff,
                      AuditLog audit, Clock clock) {
        this.credentials = credentials;
        this.codes = codes;
        this.budgets = new AttemptBudgets(throttle, clock);
        this.backoff = backoff;
        this.audit = audit;
        this.clock = clock;
    }

    /** The user's active enrolment, if any. */
    Optional<TwoFactorEnrolment> activeEnrolment(User user) {
        return credentials.find(user.id()).filter(TwoFactorEnrolment::active);
    }

    Verdict check(User user, Optional<String> code, Optional<String> recoveryCode, ClientAddress client) {
        Optional<TwoFactorEnrolment> enrolment = activeEnrolment(user);
        if (enrolment.isEmpty()) {
            return new NotEnrolled();
        }
        Instant now = clock.instant();
        AttemptBudgets.Charged charged;
        switch (budgets.charge(List.of(AttemptBudgets.Budget.serial(ThrottleKey.secondFactor(user.id()), backoff)))) {
            case AttemptBudgets.Refused refused -> {
                refuse(user, client, now);
                return new Throttled(refused.retryAfter());
            }
            case AttemptBudgets.Charged charge -> charged = charge;
        }
        try {
            boolean right;
            boolean recovery = false;
            if (code.filter(typed -> !typed.isBlank()).isPresent()) {
                OptionalLong step = codes.matchingStep(enrolment.get().secret(), code.get(), now);
                // Only a step later than every one accepted before: a code seen once (shoulder, phishing proxy) is spent.
                right = step.isPresent() && credentials.acceptStep(user.id(), step.getAsLong());
            } else if (recoveryCode.filter(typed -> !typed.isBlank()).isPresent()) {
                recovery = true;
                right = credentials.useRecoveryCode(user.id(), RecoveryCodes.hashOf(recoveryCode.get()));
            } else {
                right = false;
            }
            if (!right) {
                budgets.failed(charged);
                refuse(user, client, now);
                return new Wrong();
            }
            budgets.succeeded(charged);
            if (recovery) {
                audit.record(new AuditEvent(AuditEvent.Type.RECOVERY_CODE_USED, user.username().value(), client, now));
            }
            return new Passed(recovery);
        } finally {
            budgets.notVerified(charged);
        }
    }

    private void refuse(User user, ClientAddress client, Instant now) {
        audit.record(new AuditEvent(AuditEvent.Type.SECOND_FACTOR_REFUSED, user.username().value(), client, now));
    }
}
