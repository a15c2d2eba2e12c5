package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.AccountAction;
import dev.gatehouse.application.port.in.AdminResult;
import dev.gatehouse.application.port.in.AdminResult.Refusal;
import dev.gatehouse.application.port.in.EndUserSessionsUseCase;
import dev.gatehouse.application.port.out.RefreshTokens;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.User;
import java.time.Clock;
import java.util.Optional;

/** "Log out everywhere" on an administrator's word: the security version moves on and every session is revoked. */
public final class EndUserSessionsService implements EndUserSessionsUseCase {

    private final AdminGate gate;
    private final UserRepository users;
    private final RefreshTokens refreshTokens;
    private final Clock clock;

    /** {@code gate}: the admission every administrative use case shares, built once by {@link UseCases}. */
    EndUserSessionsService(AdminGate gate, UserRepository users, RefreshTokens refreshTokens, Clock clock) {
        this.gate = gate;
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.clock = clock;
    }

    @Override
    public AdminResult<User> endSessions(AccountAction action) {
        return gate.onAccount(action, (actorName, user) -> {
            Optional<User> ended = users.change(user.id(), User::endAllSessions);
            if (ended.isEmpty()) {
                return new AdminResult.Refused<>(Refusal.NO_SUCH_USER);
            }
            refreshTokens.revokeAllOf(user.id(), clock.instant());
            gate.record(AuditEvent.Type.SESSIONS_REVOKED, ended.get(), action, actorName);
            return new AdminResult.Done<>(ended.get());
        });
    }
}
