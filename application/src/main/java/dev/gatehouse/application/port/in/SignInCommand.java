package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.PlainPassword;
import java.util.Objects;
import java.util.Optional;

/**
 * The sign-in form sent back: the pending authorization request it carried, its form token, the browser's binding
 * cookie, what the person typed, where they are, and the known-device credential their browser sent, if any. The
 * username stays raw text, as in {@link LogInCommand}; the password is redacted in {@link #toString()}.
 */
public record SignInCommand(AuthorizationRequest request, String formToken, String browserBinding, String username,
                            PlainPassword password, ClientAddress client, Optional<String> knownDevice) {

    public SignInCommand {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(formToken, "formToken");
        Objects.requireNonNull(browserBinding, "browserBinding");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(knownDevice, "knownDevice");
    }

    @Override
    public String toString() {
        return "SignInCommand[username=" + username + ", client=" + client + "]";
    }
}
