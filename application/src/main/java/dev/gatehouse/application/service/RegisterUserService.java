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
import dev.gatehouse.domain.EmailVerificationMode;
import dev.gatehouse.domain.User;
import java.time.Clock;
import java.util.Optional;

/**
 * Registers a user. The password is hashed before the uniqueness check so that a taken username costs
 * the same time as a fresh one; the repository's constraint, not a prior read, decides uniqueness. With email
 * verification on, an account with an address is stored with its verification link and mail, atomically; with it
 * required, an address must be given.
 */
public final class RegisterUserService implements RegisterUserUseCase {

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final AuditLog audit;
    private final Clock clock;
    private final EmailVerificationMode verification;
    private final EmailVerificationLinks links;

    public RegisterUserService(UserRepository users, PasswordHasher hasher, PasswordPolicy policy, AuditLog audit,
                               Clock clock) {
        this(users, hasher, policy, audit, clock, EmailVerificationMode.OFF, null);
    }

    /**
     * With email verification {@code verification}: unless it is off, an account registered with an address is stored
     * together with a link proving it and that link's mail ({@code links}), in one step.
     */
    RegisterUserService(UserRepository users, PasswordHasher hasher, PasswordPolicy policy, AuditLog audit, Clock clock,
                        EmailVerificationMode verification, EmailVerificationLinks links) {
        this.users = users;
        this.hasher = hasher;
        this.policy = policy;
        this.audit = audit;
        this.clock = clock;
        this.verification = verification;
        this.links = links;
    }

    @Override
    public RegisterUserResult register(RegisterUserCommand command) {
        if (verification == EmailVerificationMode.REQUIRED && command.email().isEmpty()) {
            return new RegisterUserResult.EmailRequired();
        }
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
        boolean verifying = verification.isOn() && user.email().isPresent();
        return switch (verifying ? links.register(user, clock.instant()) : users.add(user)) {
            case ADDED -> {
                audit.record(new AuditEvent(AuditEvent.Type.USER_REGISTERED, user.username().value(), command.client(), clock.instant()));
                if (verifying) {
                    audit.record(new AuditEvent(AuditEvent.Type.EMAIL_VERIFICATION_SENT, user.username().value(), command.client(),
                            clock.instant()));
                }
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
