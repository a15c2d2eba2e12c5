package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.ClientAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * The second step of a login: the {@code mfaToken} the first step answered, and a one-time {@code otp} or a
 * {@code recoveryCode} (one of them). {@code clientCredentials} as at the password grant: the same client must send it.
 */
public record MfaLogInCommand(String mfaToken, Optional<String> otp, Optional<String> recoveryCode, ClientAddress client,
                              Optional<ClientCredentials> clientCredentials) {

    public MfaLogInCommand {
        Objects.requireNonNull(mfaToken, "mfaToken");
        Objects.requireNonNull(otp, "otp");
        Objects.requireNonNull(recoveryCode, "recoveryCode");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(clientCredentials, "clientCredentials");
    }

    @Override
    public String toString() {
        return "MfaLogInCommand[redacted, client=" + client + "]";
    }
}
