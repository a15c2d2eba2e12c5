package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.RequestPasswordResetCommand;
import dev.gatehouse.application.port.in.RequestPasswordResetResult;
import dev.gatehouse.application.port.in.RequestPasswordResetUseCase;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.LoginThrottle;
import dev.gatehouse.application.port.out.ThrottleKey;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.ClientBudget;
import dev.gatehouse.domain.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Mails a reset link to the active account named by a username or an email address. It answers the same whether or
 * not there is one, after the same time: an unknown name waits out what issuing a link typically costs (measured, like
 * a failed login's overhead), so neither the answer nor its timing tells which accounts exist. Three budgets: per
 * client network (refused with {@code Throttled}, which says nothing of any account), per name as typed and per
 * account (quietly no mail past them, still {@code Accepted}, so one mailbox cannot be flooded).
 */
public final class RequestPasswordResetService implements RequestPasswordResetUseCase {

    /** Requests per client network and hour. */
    static final ClientBudget PER_CLIENT = new ClientBudget(30, Duration.ofHours(1));
    /** Links per name (or address) as typed, and per account, and hour. */
    static final ClientBudget PER_ACCOUNT = new ClientBudget(5, Duration.ofHours(1));

    private final UserRepository users;
    private final PasswordResetLinks links;
    private final AttemptBudgets budgets;
    private final AuditLog audit;
    private final Clock clock;
    private final FailureOverhead issuing = new FailureOverhead();

    RequestPasswordResetService(UserRepository users, PasswordResetLinks links, LoginThrottle throttle,
                                AuditLog audit, Clock clock) {
        this.users = users;
        this.links = links;
        this.budgets = new AttemptBudgets(throttle, clock);
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public RequestPasswordResetResult requestReset(RequestPasswordResetCommand command) {
        long started = System.nanoTime();
        Instant now = clock.instant();
        Optional<Duration> refused = budgets.spend(AttemptBudgets.Budget.shared(ThrottleKey.passwordResetsFrom(command.client()), PER_CLIENT));
        if (refused.isPresent()) {
            return new RequestPasswordResetResult.Throttled(refused.get());
        }
        audit.record(new AuditEvent(AuditEvent.Type.PASSWORD_RESET_REQUESTED, command.account(), command.client(), now));
        List<User> accounts = budgets.spend(AttemptBudgets.Budget.shared(ThrottleKey.passwordResetsFor(command.account()), PER_ACCOUNT))
                .isPresent() ? List.of() : accountsNamed(command.account());
        int issued = 0;
        for (User account : accounts) {
            if (budgets.spend(AttemptBudgets.Budget.shared(ThrottleKey.passwordResetsOf(account.id()), PER_ACCOUNT)).isEmpty()) {
                links.issue(account, now);
                issued++;
            }
        }
        if (issued > 0) {
            issuing.record(System.nanoTime() - started, 0);
        } else {
            // No link: wait what issuing one typically takes, so the answer comes as late as if there had been one.
            issuing.waitOut(System.nanoTime() - started);
        }
        return new RequestPasswordResetResult.Accepted();
    }

    /** The active accounts with that username, or else with that email address (ignoring case), that have an address. */
    private List<User> accountsNamed(String account) {
        return NamedAccounts.named(users, account).stream().filter(User::isActive).filter(user -> user.email().isPresent())
                // An account whose password a directory keeps is reset there, not here.
                .filter(user -> user.passwordHash().directoryEntry().isEmpty())
                .toList();
    }
}
