package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.FullName;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.Username;
import java.util.Objects;
import java.util.Optional;

/** What a registration asks for; the profile fields are optional. {@code client} is recorded in the audit trail. */
public record RegisterUserCommand(Username username, PlainPassword password,
                                  Optional<EmailAddress> email, Optional<FullName> fullName, ClientAddress client) {

    public RegisterUserCommand {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(fullName, "fullName");
        Objects.requireNonNull(client, "client");
    }
}
