package dev.gatehouse.adapter.in.cli;

import dev.gatehouse.application.port.in.ImportUserCommand;
import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.FullName;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.Role;
import dev.gatehouse.domain.Username;
import java.util.Optional;
import java.util.Set;

/** One user of an import file: one Gatehouse can take, or one it cannot read (and says why). */
sealed interface ImportEntry {

    /** Where in the file: "line 12" or "user 12". */
    String position();

    /** A user whose fields are all valid; whether it is imported is the use case's answer. */
    record Readable(String position, Username username, Optional<EmailAddress> email, Optional<FullName> fullName,
                    boolean disabled, Set<Role> roles, PasswordHash passwordHash) implements ImportEntry {

        ImportUserCommand command(boolean dryRun) {
            return new ImportUserCommand(username, email, fullName, disabled, roles, passwordHash, dryRun);
        }
    }

    /** A user the file describes wrongly (an invalid name, an unsupported credential): refused, the rest goes on. */
    record Unreadable(String position, String name, String reason) implements ImportEntry {
    }
}
