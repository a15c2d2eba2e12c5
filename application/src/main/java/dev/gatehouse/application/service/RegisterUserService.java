package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.RegisterUserCommand;
import dev.gatehouse.application.port.in.RegisterUserResult;
import dev.gatehouse.application.port.in.RegisterUserUseCase;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.HashingOverloadedException;
import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.application.port.out.PasswordPolicy;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.User;
import java.time.Clock;
import java.util.Optional;

/**
 * Registers a user. The password is hashed before the uniqueness check so that a taken username costs
 * the same time as a fresh one; the repository's constraint, not a prior read, decides uniqueness.
 */
public final class RegisterUserService implements RegisterUserUseCase {

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final AuditLog audit;
    private final Clock clock;

    public RegisterUserService(UserRepository users, PasswordHasher hasher, PasswordPolicy policy, AuditLog audit,
                               Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.policy = policy;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public RegisterUserResult register(RegisterUserCommand command) {
        Optional<String> rejection = policy.rejectionReason(command.username(), command.email(), command.password());
        if (rejection.isPresent()) {
            return new RegisterUserResult.PasswordRejected(rejection.get());
        }
        User user;
        try {
            user = User.register(command.username(), hasher.hash(command.password()),
                    command.email().orElse(null), command.fullName().orElse(null), clock.instant());
        } catch (HashingOverloadedException overloaded) {
            audit.record(new AuditEvent(AuditEvent.Type.FLOOD_REJECTED, command.username().value(), command.client(), clock.instant()));
            return new RegisterUserResult.Overloaded(overloaded.retryAfter());
        }
        return switch (users.add(user)) {
            case ADDED -> {
                audit.record(new AuditEvent(AuditEvent.Type.USER_REGISTERED, user.username().value(), command.client(), clock.instant()));
                yield new RegisterUserResult.Registered(user);
            }
            case USERNAME_TAKEN -> {
                audit.record(new AuditEvent(AuditEvent.Type.USERNAME_TAKEN, command.username().value(), command.client(),
                        clock.instant()));
                yield new RegisterUserResult.UsernameTaken();
            }
        };
    }
}
