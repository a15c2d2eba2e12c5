package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.ClientAddress;
import dev.gatehouse.domain.PlainPassword;
import java.util.Objects;
import java.util.Optional;

/**
 * A signed-in user's request about their own second factor: the bearer {@code accessToken}, and the proof the request
 * needs, if any: a current one-time {@code code}, a {@code recoveryCode}, or the {@code password} (only removal takes
 * it). Shared by the enrolment use cases, each of which reads what it needs.
 */
public record TwoFactorCommand(String accessToken, Optional<String> code, Optional<String> recoveryCode,
                               Optional<PlainPassword> password, ClientAddress client) {

    public TwoFactorCommand {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(recoveryCode, "recoveryCode");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(client, "client");
    }

    /** A request that proves nothing beyond the token (starting an enrolment). */
    public static TwoFactorCommand withToken(String accessToken, ClientAddress client) {
        return new TwoFactorCommand(accessToken, Optional.empty(), Optional.empty(), Optional.empty(), client);
    }

    @Override
    public String toString() {
        return "TwoFactorCommand[redacted, client=" + client + "]";
    }
}
