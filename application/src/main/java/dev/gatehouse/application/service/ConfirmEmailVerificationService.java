package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.ConfirmEmailVerificationCommand;
import dev.gatehouse.application.port.in.ConfirmEmailVerificationResult;
import dev.gatehouse.application.port.in.ConfirmEmailVerificationUseCase;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.EmailVerifications;
import dev.gatehouse.application.port.out.LoginThrottle;
import dev.gatehouse.application.port.out.MailTemplate;
import dev.gatehouse.application.port.out.NoticedChange;
import dev.gatehouse.application.port.out.OutgoingMail;
import dev.gatehouse.application.port.out.ThrottleKey;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.ClientBudget;
import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.EmailVerification;
import dev.gatehouse.domain.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Proves an address with its link, once. Redeeming the link is the store's conditional write, so of parallel uses of
 * one link, on any instance, exactly one goes on; it also uses up the account's other links. In the same step the
 * address is set on the account as stored now (so a password change or a disabling made meanwhile is kept): it becomes
 * the account's verified email, replacing the former one when the link was for a change of address, and the notice to
 * the former address goes into the outbox with it. Invalid links are counted per client network, charged before they
 * are looked up, like reset links.
 */
public final class ConfirmEmailVerificationService implements ConfirmEmailVerificationUseCase {

    /** Invalid links per client network and window. */
    static final ClientBudget GUESSES = new ClientBudget(20, Duration.ofMinutes(10));

    private final EmailVerifications verifications;
    private final UserRepository users;
    private final AttemptBudgets budgets;
    private final AuditLog audit;
    private final Clock clock;

    ConfirmEmailVerificationService(EmailVerifications verifications, UserRepository users, LoginThrottle throttle,
                                    AuditLog audit, Clock clock) {
        this.verifications = verifications;
        this.users = users;
        this.budgets = new AttemptBudgets(throttle, clock);
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public ConfirmEmailVerificationResult confirmVerification(ConfirmEmailVerificationCommand command) {
        AttemptBudgets.Charged charged;
        switch (budgets.charge(List.of(AttemptBudgets.Budget.shared(ThrottleKey.verificationLinkGuesses(command.client()), GUESSES)))) {
            case AttemptBudgets.Refused refused -> {
                return new ConfirmEmailVerificationResult.Throttled(refused.retryAfter());
            }
            case AttemptBudgets.Charged charge -> charged = charge;
        }
        try {
            Instant now = clock.instant();
            Optional<EmailVerification> link = verifications.find(EmailVerificationLinks.hashOf(command.token()))
                    .filter(found -> found.isRedeemableAt(now));
            Optional<User> account = link.flatMap(found -> users.findById(found.user())).filter(User::isActive);
            if (account.isEmpty()) {
                budgets.failed(charged);
                return refused(command, "", now);
            }
            budgets.succeeded(charged);
            User before = account.get();
            EmailAddress address = link.get().address();
            // The link's use, the address and the notice to the former address are stored in one step: all or nothing.
            // Field-wise on the account as stored now: a password change or a disabling made meanwhile is kept.
            Optional<User> after = verifications.redeem(link.get().hash(), now, new NoticedChange(
                            current -> current.isActive() ? current.withVerifiedEmail(address) : current,
                            ConfirmEmailVerificationService::formerAddressNotice))
                    .filter(User::isEmailVerified)
                    .filter(user -> user.email().filter(address::equals).isPresent());
            if (after.isEmpty()) {
                // Used, or disabled or deleted between the look-up and now: that change wins, the link is spent.
                return refused(command, before.username().value(), now);
            }
            audit.record(new AuditEvent(AuditEvent.Type.EMAIL_VERIFIED, before.username().value(), command.client(), now));
            return new ConfirmEmailVerificationResult.Verified(after.get());
        } finally {
            budgets.notVerified(charged);
        }
    }

    /** The address the account gave up for a verified new one is told of the change. */
    private static Optional<OutgoingMail> formerAddressNotice(User before, User after) {
        return before.email()
                .filter(former -> after.isEmailVerified()
                        && after.email().filter(current -> !current.value().equalsIgnoreCase(former.value())).isPresent())
                .map(former -> OutgoingMail.of(former, MailTemplate.EMAIL_CHANGED, Map.of("username", after.username().value())));
    }

    private ConfirmEmailVerificationResult refused(ConfirmEmailVerificationCommand command, String subject, Instant now) {
        audit.record(new AuditEvent(AuditEvent.Type.EMAIL_VERIFICATION_REFUSED, subject, command.client(), now));
        return new ConfirmEmailVerificationResult.InvalidToken();
    }
}
