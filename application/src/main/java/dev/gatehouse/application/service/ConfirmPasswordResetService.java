package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.ConfirmPasswordResetCommand;
import dev.gatehouse.application.port.in.ConfirmPasswordResetResult;
import dev.gatehouse.application.port.in.ConfirmPasswordResetUseCase;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.HashingOverloadedException;
import dev.gatehouse.application.port.out.LoginThrottle;
import dev.gatehouse.application.port.out.MailTemplate;
import dev.gatehouse.application.port.out.NoticedChange;
import dev.gatehouse.application.port.out.OutgoingMail;
import dev.gatehouse.application.port.out.PasswordResets;
import dev.gatehouse.application.port.out.ThrottleKey;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.ClientBudget;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.PasswordReset;
import dev.gatehouse.domain.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sets a new password with a reset link, once. The policy judges the password before the link is used, so a rejected
 * password leaves it usable; the slow hash is computed before the link is redeemed; redeeming is the store's
 * conditional write, so of parallel uses of one link, on any instance, exactly one goes on to set the password. The
 * password is set the one way a password change sets it ({@link PasswordReplacement}): a new security version ends
 * every token and known device, and every session is revoked. The link's use, the password and the notice mailed to the owner are stored in one step. Invalid links are
 * counted per client network, charged before they are looked up.
 */
public final class ConfirmPasswordResetService implements ConfirmPasswordResetUseCase {

    /** Invalid links per client network and window. */
    static final ClientBudget GUESSES = new ClientBudget(20, Duration.ofMinutes(10));

    private final PasswordResets resets;
    private final UserRepository users;
    private final PasswordReplacement replacement;
    private final AttemptBudgets budgets;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final Clock clock;

    ConfirmPasswordResetService(PasswordResets resets, UserRepository users, PasswordReplacement replacement,
                                LoginThrottle throttle, AuditLog audit, Clock clock) {
        this.resets = resets;
        this.users = users;
        this.replacement = replacement;
        this.budgets = new AttemptBudgets(throttle, clock);
        this.throttle = throttle;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public ConfirmPasswordResetResult confirmReset(ConfirmPasswordResetCommand command) {
        AttemptBudgets.Charged charged;
        switch (budgets.charge(List.of(AttemptBudgets.Budget.shared(ThrottleKey.resetLinkGuesses(command.client()), GUESSES)))) {
            case AttemptBudgets.Refused refused -> {
                return new ConfirmPasswordResetResult.Throttled(refused.retryAfter());
            }
            case AttemptBudgets.Charged charge -> charged = charge;
        }
        try {
            Instant now = clock.instant();
            Optional<PasswordReset> reset = resets.find(PasswordResetLinks.hashOf(command.token()))
                    .filter(found -> found.isRedeemableAt(now));
            Optional<User> account = reset.flatMap(found -> users.findById(found.user())).filter(User::isActive);
            if (account.isEmpty()) {
                return refused(charged, command, "", now);
            }
            User user = account.get();
            budgets.succeeded(charged);
            Optional<String> rejection = replacement.rejectionReason(user, command.newPassword());
            if (rejection.isPresent()) {
                return new ConfirmPasswordResetResult.PasswordRejected(rejection.get());
            }
            // The slow hash first, then the link's one use, then the password: a link is only used up by a password set.
            PasswordHash newHash;
            try {
                newHash = replacement.hash(command.newPassword());
            } catch (HashingOverloadedException overloaded) {
                return new ConfirmPasswordResetResult.Overloaded(overloaded.retryAfter());
            }
            // The link's use, the password and the notice to the owner are stored in one step: all or nothing.
            Optional<User> stored = resets.redeem(reset.get().hash(), clock.instant(), new NoticedChange(
                    replacement.settingOnto(user, newHash), (before, after) -> passwordChangedNotice(before, after, newHash)));
            if (stored.isEmpty()) {
                return refused(null, command, user.username().value(), now);
            }
            if (!replacement.stored(user, newHash, stored, clock.instant()).replaced()) {
                // Disabled, or its sessions ended, between the look-up and now: that change wins, the link is spent.
                return refused(null, command, user.username().value(), now);
            }
            // The owner proved the mailbox: past login failures no longer hold the account back.
            throttle.clear(ThrottleKey.account(user.username()));
            audit.record(new AuditEvent(AuditEvent.Type.PASSWORD_RESET, user.username().value(), command.client(), now));
            return new ConfirmPasswordResetResult.Reset();
        } finally {
            budgets.notVerified(charged);
        }
    }

    /** The owner is told when this link set the password, at the address the account has. */
    private static Optional<OutgoingMail> passwordChangedNotice(User before, User after, PasswordHash newHash) {
        if (before.passwordHash().equals(newHash) || !after.passwordHash().equals(newHash)) {
            return Optional.empty();
        }
        return after.email().map(address -> OutgoingMail.of(address, MailTemplate.PASSWORD_CHANGED,
                Map.of("username", after.username().value())));
    }

    private ConfirmPasswordResetResult refused(AttemptBudgets.Charged charged, ConfirmPasswordResetCommand command, String subject,
                                               Instant now) {
        if (charged != null) {
            budgets.failed(charged);
        }
        audit.record(new AuditEvent(AuditEvent.Type.PASSWORD_RESET_REFUSED, subject, command.client(), now));
        return new ConfirmPasswordResetResult.InvalidToken();
    }
}
