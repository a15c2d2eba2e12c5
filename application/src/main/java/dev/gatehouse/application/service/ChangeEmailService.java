package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.ChangeEmailCommand;
import dev.gatehouse.application.port.in.ChangeEmailResult;
import dev.gatehouse.application.port.in.ChangeEmailUseCase;
import dev.gatehouse.application.port.out.AccessTokens;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.HashingOverloadedException;
import dev.gatehouse.application.port.out.LoginThrottle;
import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.application.port.out.RevokedAccessTokens;
import dev.gatehouse.application.port.out.ThrottleKey;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.AccountBackoff;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Asks to change the address on proof of the current password. Wrong passwords count on the password change's key (one
 * backoff for everything a token holder may guess with); the new address gets a verification link (at most
 * {@link RequestEmailVerificationService#PER_ACCOUNT} an hour, shared with requests for new links) and nothing else
 * changes until that link is used: then {@link ConfirmEmailVerificationService} sets it and mails the old address.
 */
public final class ChangeEmailService implements ChangeEmailUseCase {

    private final BearerAuthentication authentication;
    private final AttemptBudgets budgets;
    private final AccountBackoff backoff;
    private final PasswordHasher hasher;
    private final EmailVerificationLinks links;
    private final AuditLog audit;
    private final Clock clock;

    ChangeEmailService(AccessTokens accessTokens, RevokedAccessTokens revokedAccessTokens, UserRepository users,
                       PasswordHasher hasher, EmailVerificationLinks links, LoginThrottle throttle, AccountBackoff backoff,
                       AuditLog audit, Clock clock) {
        this.authentication = new BearerAuthentication(accessTokens, revokedAccessTokens, users);
        this.budgets = new AttemptBudgets(throttle, clock);
        this.backoff = backoff;
        this.hasher = hasher;
        this.links = links;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public ChangeEmailResult changeEmail(ChangeEmailCommand command) {
        User user;
        switch (authentication.authenticate(command.accessToken())) {
            case BearerAuthentication.Accepted accepted -> user = accepted.bearer().user();
            case BearerAuthentication.Inactive inactive -> {
                return new ChangeEmailResult.InactiveUser();
            }
            case BearerAuthentication.Refused refused -> {
                return new ChangeEmailResult.InvalidToken();
            }
        }
        Instant now = clock.instant();
        if (user.passwordHash().directoryEntry().isPresent()) {
            return new ChangeEmailResult.PasswordInDirectory();
        }
        AttemptBudgets.Charged charged;
        switch (budgets.charge(List.of(AttemptBudgets.Budget.serial(ThrottleKey.passwordChange(user.id()), backoff)))) {
            case AttemptBudgets.Refused refused -> {
                return new ChangeEmailResult.Throttled(refused.retryAfter());
            }
            case AttemptBudgets.Charged charge -> charged = charge;
        }
        try {
            if (!hasher.verify(command.currentPassword(), user.passwordHash())) {
                budgets.failed(charged);
                audit.record(new AuditEvent(AuditEvent.Type.PASSWORD_CHANGE_REFUSED, user.username().value(), command.client(), now));
                return new ChangeEmailResult.WrongCurrentPassword();
            }
            budgets.succeeded(charged);
            Optional<Duration> tooMany = budgets.spend(AttemptBudgets.Budget.shared(ThrottleKey.verificationsOf(user.id()),
                    RequestEmailVerificationService.PER_ACCOUNT));
            if (tooMany.isPresent()) {
                return new ChangeEmailResult.Throttled(tooMany.get());
            }
            links.issue(user, command.newEmail(), now);
            audit.record(new AuditEvent(AuditEvent.Type.EMAIL_CHANGE_REQUESTED, user.username().value(), command.client(), now));
            audit.record(new AuditEvent(AuditEvent.Type.EMAIL_VERIFICATION_SENT, user.username().value(), command.client(), now));
            return new ChangeEmailResult.Requested();
        } catch (HashingOverloadedException overloaded) {
            return new ChangeEmailResult.Overloaded(overloaded.retryAfter());
        } finally {
            budgets.notVerified(charged);
        }
    }
}
