package dev.gatehouse.adapter.web;

import dev.gatehouse.application.port.in.CurrentUserUseCase;
import dev.gatehouse.application.port.in.LogInUseCase;
import dev.gatehouse.application.port.in.RegisterUserUseCase;
import java.util.Objects;

/** The use cases the HTTP layer drives. */
public record WebUseCases(LogInUseCase logIn, RegisterUserUseCase registerUser, CurrentUserUseCase currentUser) {

    public WebUseCases {
        Objects.requireNonNull(logIn, "logIn");
        Objects.requireNonNull(registerUser, "registerUser");
        Objects.requireNonNull(currentUser, "currentUser");
    }
}
