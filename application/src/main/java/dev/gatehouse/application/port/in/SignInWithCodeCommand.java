package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.ClientAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * The sign-in page's second form sent back: the pending request it carried, its form token and challenge, the browser's
 * binding cookie, and what the person typed, a one-time {@code code} or a {@code recoveryCode} (the code wins when both
 * are filled in). Everything secret is redacted in {@link #toString()}.
 */
public record SignInWithCodeCommand(AuthorizationRequest request, String formToken, String challenge, String browserBinding,
                                    Optional<String> code, Optional<String> recoveryCode, ClientAddress client) {

    public SignInWithCodeCommand {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(formToken, "formToken");
        Objects.requireNonNull(challenge, "challenge");
        Objects.requireNonNull(browserBinding, "browserBinding");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(recoveryCode, "recoveryCode");
        Objects.requireNonNull(client, "client");
    }

    @Override
    public String toString() {
        return "SignInWithCodeCommand[redacted, client=" + client + "]";
    }
}
