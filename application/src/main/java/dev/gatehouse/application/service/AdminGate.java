package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.AccountAction;
import dev.gatehouse.application.port.in.Actor;
import dev.gatehouse.application.port.in.AdminResult;
import dev.gatehouse.application.port.in.AdminResult.Refusal;
import dev.gatehouse.application.port.out.AccessTokens;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.ScopePolicy;
import dev.gatehouse.domain.User;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What every administrative use case checks first: the actor is the console, or an active user whose current
 * token carries the {@code admin} scope. Then it finds the account acted on, and records what was done to it,
 * naming the actor.
 */
final class AdminGate {

    /** The name the audit trail gives an actor, or why the actor was refused. */
    private sealed interface Admission {
    }

    private record Admitted(String actorName) implements Admission {
    }

    private record Turned(Refusal refusal) implements Admission {
    }

    private final BearerAuthentication authentication;
    private final UserRepository users;
    private final AuditLog audit;
    private final Clock clock;

    AdminGate(AccessTokens accessTokens, UserRepository users, AuditLog audit, Clock clock) {
        this.authentication = new BearerAuthentication(accessTokens, users);
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    /** {@code work} with the actor's name, once the actor is admitted. */
    <T> AdminResult<T> asAdmin(Actor actor, Function<String, AdminResult<T>> work) {
        return switch (admit(actor)) {
            case Admitted admitted -> work.apply(admitted.actorName());
            case Turned turned -> new AdminResult.Refused<>(turned.refusal());
        };
    }

    /** {@code work} with the actor's name and the account acted on, once the actor is admitted and the account found. */
    <T> AdminResult<T> onAccount(AccountAction action, BiFunction<String, User, AdminResult<T>> work) {
        return asAdmin(action.actor(), actorName -> {
            Optional<User> user = users.findByUsername(action.username());
            return user.isEmpty() ? new AdminResult.Refused<>(Refusal.NO_SUCH_USER) : work.apply(actorName, user.get());
        });
    }

    void record(AuditEvent.Type type, User subject, AccountAction action, String actorName) {
        audit.record(new AuditEvent(type, subject.username().value(), action.client(), clock.instant(), actorName));
    }

    private Admission admit(Actor actor) {
        return switch (actor) {
            case Actor.Console console -> new Admitted(AuditEvent.CONSOLE);
            case Actor.Bearer bearer -> switch (authentication.authenticate(bearer.accessToken())) {
                case BearerAuthentication.Refused refused -> new Turned(Refusal.INVALID_TOKEN);
                case BearerAuthentication.Inactive inactive -> new Turned(Refusal.INACTIVE_ADMIN);
                case BearerAuthentication.Accepted accepted -> accepted.bearer().claims().scopes().contains(ScopePolicy.ADMIN)
                        ? new Admitted(accepted.bearer().user().username().value())
                        : new Turned(Refusal.INSUFFICIENT_SCOPE);
            };
        };
    }
}
