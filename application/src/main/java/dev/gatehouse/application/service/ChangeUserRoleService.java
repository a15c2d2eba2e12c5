package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.AccountAction;
import dev.gatehouse.application.port.in.AdminResult.Refusal;
import dev.gatehouse.application.port.in.AdminResult;
import dev.gatehouse.application.port.in.ChangeUserRoleUseCase;
import dev.gatehouse.application.port.out.RefreshTokens;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.ScopePolicy;
import dev.gatehouse.domain.User;
import java.time.Clock;
import java.util.function.UnaryOperator;

/**
 * Assigns a role the scope policy knows, or removes any role (also one the policy no longer names). A change
 * ends the account's sessions, as its tokens were granted under the old roles; a request that changes nothing
 * records nothing.
 */
public final class ChangeUserRoleService implements ChangeUserRoleUseCase {

    private final AdminGate gate;
    private final UserRepository users;
    private final RefreshTokens refreshTokens;
    private final ScopePolicy scopes;
    private final Clock clock;

    /** {@code gate}: the admission every administrative use case shares, built once by {@link UseCases}. */
    ChangeUserRoleService(AdminGate gate, UserRepository users, RefreshTokens refreshTokens, ScopePolicy scopes, Clock clock) {
        this.gate = gate;
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.scopes = scopes;
        this.clock = clock;
    }

    @Override
    public AdminResult<User> changeRole(AccountAction action, Role role, boolean held) {
        return gate.onAccount(action, (actorName, user) -> {
            if (held && !scopes.knows(role)) {
                return new AdminResult.Refused<>(Refusal.UNKNOWN_ROLE);
            }
            UnaryOperator<User> change = stored -> held ? stored.withRole(role) : stored.withoutRole(role);
            if (!held && role.equals(Role.ADMIN)) {
                return switch (AccountChange.applyKeepingAnAdministrator(users, action, actorName, user, change)) {
                    case AdminResult.Done<AccountChange>(AccountChange done) -> settle(done, held, action, actorName);
                    case AdminResult.Refused<AccountChange>(Refusal refusal) -> new AdminResult.Refused<>(refusal);
                };
            }
            return AccountChange.apply(users, user.id(), change)
                    .<AdminResult<User>>map(done -> settle(done, held, action, actorName))
                    .orElseGet(() -> new AdminResult.Refused<>(Refusal.NO_SUCH_USER));
        });
    }

    /** Revokes and records only what really changed: holding the role already, or not, does nothing. */
    private AdminResult<User> settle(AccountChange change, boolean held, AccountAction action, String actorName) {
        User changed = change.user();
        if (!change.changed()) {
            return new AdminResult.Done<>(changed);
        }
        refreshTokens.revokeAllOf(changed.id(), clock.instant());
        gate.record(held ? AuditEvent.Type.ROLE_ASSIGNED : AuditEvent.Type.ROLE_REMOVED, changed, action, actorName);
        return new AdminResult.Done<>(changed);
    }
}
