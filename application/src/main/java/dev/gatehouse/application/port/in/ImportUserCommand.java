package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.FullName;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One account to import: its profile, whether it is disabled, its roles, and the password hash another system made,
 * in the encoded form the password hasher reads (see the README's "Bring your users"). With {@code dryRun} the
 * answer says what an import would do and nothing is written.
 */
public record ImportUserCommand(Username username, Optional<EmailAddress> email, Optional<FullName> fullName,
                                boolean disabled, Set<Role> roles, PasswordHash passwordHash, boolean dryRun) {

    public ImportUserCommand {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(fullName, "fullName");
        roles = Set.copyOf(Objects.requireNonNull(roles, "roles"));
        Objects.requireNonNull(passwordHash, "passwordHash");
        if (roles.size() > User.MAX_ROLES) {
            throw new IllegalArgumentException("a user holds at most " + User.MAX_ROLES + " roles");
        }
    }
}
