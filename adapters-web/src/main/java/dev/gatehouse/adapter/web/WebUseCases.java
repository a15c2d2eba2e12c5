package dev.gatehouse.adapter.web;

import dev.gatehouse.application.port.in.CurrentUserUseCase;
import dev.gatehouse.application.port.in.LogInUseCase;
import dev.gatehouse.application.port.in.PublishedKeysUseCase;
import dev.gatehouse.application.port.in.RegisterUserUseCase;
import java.util.List;
import java.util.Objects;

/** The use cases the HTTP layer drives. */
public record WebUseCases(LogInUseCase logIn, RegisterUserUseCase registerUser, CurrentUserUseCase currentUser,
                          PublishedKeysUseCase publishedKeys) {

    public WebUseCases {
        Objects.requireNonNull(logIn, "logIn");
        Objects.requireNonNull(registerUser, "registerUser");
        Objects.requireNonNull(currentUser, "currentUser");
        Objects.requireNonNull(publishedKeys, "publishedKeys");
    }

    /** Tokens signed with a shared secret (HS256): no keys are published. */
    public WebUseCases(LogInUseCase logIn, RegisterUserUseCase registerUser, CurrentUserUseCase currentUser) {
        this(logIn, registerUser, currentUser, List::of);
    }
}
