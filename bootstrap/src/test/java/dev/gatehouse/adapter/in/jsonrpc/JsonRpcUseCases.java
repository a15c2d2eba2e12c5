package dev.gatehouse.adapter.in.jsonrpc;

import dev.gatehouse.application.port.in.CurrentUserUseCase;
import dev.gatehouse.application.port.in.LogInUseCase;
import dev.gatehouse.application.port.in.RefreshTokenUseCase;
import dev.gatehouse.application.port.in.RegisterUserUseCase;
import dev.gatehouse.application.port.in.ShowUserUseCase;
import java.util.Objects;

/** The use cases the JSON-RPC adapter drives: driving ports only, taken from the one assembly by whoever wires it. */
public record JsonRpcUseCases(RegisterUserUseCase registerUser, LogInUseCase logIn, RefreshTokenUseCase refreshToken,
                              CurrentUserUseCase currentUser, ShowUserUseCase showUser) {

    public JsonRpcUseCases {
        Objects.requireNonNull(registerUser, "registerUser");
        Objects.requireNonNull(logIn, "logIn");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(currentUser, "currentUser");
        Objects.requireNonNull(showUser, "showUser");
    }
}
