package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.ImportUserCommand;
import dev.gatehouse.application.port.in.ImportUserResult;
import dev.gatehouse.application.port.in.ImportUsersUseCase;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.ScopePolicy;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.UserId;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Imports one account with its foreign hash. The hasher must be able to verify the hash within its cost bounds (read
 * from the hash's text; no hashing happens here), every role must be one the scope policy knows, and the name must be
 * free or taken by an identical account. The repository's uniqueness constraint, not the read before it, decides a
 * race with a registration of the same name; the account is one insert, so a failure leaves nothing half-stored.
 */
public final class ImportUsersService implements ImportUsersUseCase {

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final ScopePolicy scopes;
    private final AuditLog audit;
    private final Clock clock;

    public ImportUsersService(UserRepository users, PasswordHasher hasher, ScopePolicy scopes, AuditLog audit, Clock clock) {
        this.users = Objects.requireNonNull(users, "users");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.scopes = Objects.requireNonNull(scopes, "scopes");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ImportUserResult importUser(ImportUserCommand command) {
        // A directory reference is not a hash: an import must not point an account at a directory entry.
        if (command.passwordHash().directoryEntry().isPresent()) {
            return refused(command, "the password hash is a directory reference, not a hash");
        }
        Optional<String> unverifiable = hasher.importRefusal(command.passwordHash());
        if (unverifiable.isPresent()) {
            return refused(command, "password hash: " + unverifiable.get());
        }
        List<Role> unknown = command.roles().stream().filter(role -> !scopes.knows(role)).sorted().toList();
        if (!unknown.isEmpty()) {
            return refused(command, "unknown role" + (unknown.size() > 1 ? "s " : " ")
                    + unknown.stream().map(Role::name).collect(Collectors.joining(", "))
                    + " (GATEHOUSE_ROLE_SCOPES names " + (scopes.roles().isEmpty() ? "none"
                    : scopes.roles().stream().sorted().map(Role::name).collect(Collectors.joining(", "))) + ")");
        }
        Optional<User> existing = users.findByUsername(command.username());
        if (existing.isPresent()) {
            return againstExisting(command, existing.get());
        }
        if (command.dryRun()) {
            return new ImportUserResult.Imported(command.username(), false);
        }
        User user = new User(UserId.newId(), command.username(), command.email().orElse(null), command.fullName().orElse(null),
                command.passwordHash(), command.disabled(), clock.instant().truncatedTo(ChronoUnit.MICROS), 0, command.roles());
        return switch (users.add(user)) {
            case ADDED -> {
                audit.record(new AuditEvent(AuditEvent.Type.USER_IMPORTED, user.username().value(), ClientAddress.LOCAL,
                        clock.instant(), AuditEvent.CONSOLE));
                yield new ImportUserResult.Imported(command.username(), true);
            }
            // Registered or imported meanwhile (another import of the same file, say): judged as if it had been there.
            case USERNAME_TAKEN -> users.findByUsername(command.username())
                    .map(raced -> againstExisting(command, raced))
                    .orElseGet(() -> refused(command, "the username was taken and released meanwhile; run the import again"));
        };
    }

    private static ImportUserResult againstExisting(ImportUserCommand command, User existing) {
        List<String> differences = new ArrayList<>();
        if (!existing.username().value().equals(command.username().value())) {
            differences.add("the name's case");
        }
        if (!existing.email().equals(command.email())) {
            differences.add("email");
        }
        if (!existing.fullName().equals(command.fullName())) {
            differences.add("full name");
        }
        if (existing.isDisabled() != command.disabled()) {
            differences.add("disabled");
        }
        if (!existing.roles().equals(command.roles())) {
            differences.add("roles");
        }
        if (!existing.passwordHash().equals(command.passwordHash())) {
            differences.add("password hash");
        }
        if (differences.isEmpty()) {
            return new ImportUserResult.AlreadyPresent(command.username());
        }
        return refused(command, "the username is taken by an account that differs in " + String.join(", ", differences)
                + "; it is left as it is");
    }

    private static ImportUserResult refused(ImportUserCommand command, String reason) {
        return new ImportUserResult.Refused(command.username(), reason);
    }
}
