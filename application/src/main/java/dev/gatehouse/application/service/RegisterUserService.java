package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.RegisterUserCommand;
import dev.gatehouse.application.port.in.RegisterUserResult;
import dev.gatehouse.application.port.in.RegisterUserUseCase;
import dev.gatehouse.application.port.out.AddUserOutcome;
import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.User;
import java.time.Clock;

/**
 * Registers a user. The password is hashed before the uniqueness check so that a taken username costs
 * the same time as a fresh one; the repository's constraint, not a prior read, decides uniqueness.
 */
public final class RegisterUserService implements RegisterUserUseCase {

    /** NIST SP 800-63B's floor for user-chosen passwords. */
    public static final int MINIMUM_PASSWORD_LENGTH = 8;

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final Clock clock;

    public RegisterUserService(UserRepository users, PasswordHasher hasher, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.clock = clock;
    }

    @Override
    public RegisterUserResult register(RegisterUserCommand command) {
        if (command.password().length() < MINIMUM_PASSWORD_LENGTH) {
            return new RegisterUserResult.PasswordRejected(
                    "password must be at least " + MINIMUM_PASSWORD_LENGTH + " characters");
        }
        User user = User.register(command.username(), hasher.hash(command.password()),
                command.email().orElse(null), command.fullName().orElse(null), clock.instant());
        return switch (users.add(user)) {
            case ADDED -> new RegisterUserResult.Registered(user);
            case USERNAME_TAKEN -> new RegisterUserResult.UsernameTaken();
        };
    }
}
