package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.RequestEmailVerificationCommand;
import dev.gatehouse.application.port.in.RequestEmailVerificationResult;
import dev.gatehouse.application.port.in.RequestEmailVerificationUseCase;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.LoginThrottle;
import dev.gatehouse.application.port.out.ThrottleKey;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.ClientBudget;
import dev.gatehouse.domain.EmailVerificationMode;
import dev.gatehouse.domain.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Mails a new verification link to the unproven address of the active account named by a username or an address. Like
 * {@link RequestPasswordResetService}, it answers the same, after the same time, whether or not there is such an
 * account, and spends three budgets: per client network (refused with {@code Throttled}), per name as typed and per
 * account (quietly no mail past them, still {@code Accepted}, so no mailbox can be flooded).
 */
public final class RequestEmailVerificationService implements RequestEmailVerificationUseCase {

    /** Requests per client network and hour. */
    static final ClientBudget PER_CLIENT = new ClientBudget(30, Duration.ofHours(1));
    /** Links per name (or address) as typed, and per account, and hour. */
    static final ClientBudget PER_ACCOUNT = new ClientBudget(5, Duration.ofHours(1));

    private final UserRepository users;
    private final EmailVerificationLinks links;
    private final AttemptBudgets budgets;
    private final AuditLog audit;
    private final Clock clock;
    private final EmailVerificationMode verification;
    private final FailureOverhead issuing = new FailureOverhead();

    RequestEmailVerificationService(UserRepository users, EmailVerificationLinks links, LoginThrottle throttle, AuditLog audit,
                                    Clock clock, EmailVerificationMode verification) {
        this.verification = verification;
        this.users = users;
        this.links = links;
        this.budgets = new AttemptBudgets(throttle, clock);
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public RequestEmailVerificationResult requestVerification(RequestEmailVerificationCommand command) {
        long started = System.nanoTime();
        Instant now = clock.instant();
        Optional<Duration> refused = budgets.spend(AttemptBudgets.Budget.shared(ThrottleKey.verificationsFrom(command.client()), PER_CLIENT));
        if (refused.isPresent()) {
            return new RequestEmailVerificationResult.Throttled(refused.get());
        }
        if (!verification.isOn()) {
            // Verification off: no address is waiting for a link.
            return new RequestEmailVerificationResult.Accepted();
        }
        List<User> accounts = budgets.spend(AttemptBudgets.Budget.shared(ThrottleKey.verificationsFor(command.account()), PER_ACCOUNT))
                .isPresent() ? List.of() : NamedAccounts.named(users, command.account()).stream()
                .filter(User::isActive)
                .filter(user -> user.email().isPresent() && !user.isEmailVerified())
                .toList();
        int issued = 0;
        for (User account : accounts) {
            if (budgets.spend(AttemptBudgets.Budget.shared(ThrottleKey.verificationsOf(account.id()), PER_ACCOUNT)).isEmpty()) {
                links.issue(account, account.email().orElseThrow(), now);
                audit.record(new AuditEvent(AuditEvent.Type.EMAIL_VERIFICATION_SENT, account.username().value(), command.client(), now));
                issued++;
            }
        }
        if (issued > 0) {
            issuing.record(System.nanoTime() - started, 0);
        } else {
            // No link: wait what issuing one typically takes, so the answer comes as late as if there had been one.
            issuing.waitOut(System.nanoTime() - started);
        }
        return new RequestEmailVerificationResult.Accepted();
    }
}
