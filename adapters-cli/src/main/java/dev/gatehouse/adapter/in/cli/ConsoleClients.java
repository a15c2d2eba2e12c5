package dev.gatehouse.adapter.in.cli;

import dev.gatehouse.application.port.in.ListClientsUseCase;
import dev.gatehouse.application.port.in.RegisterClientUseCase;
import dev.gatehouse.application.port.in.RemoveClientUseCase;
import dev.gatehouse.application.port.in.RotateClientSecretUseCase;
import dev.gatehouse.application.port.in.ShowClientUseCase;
import java.util.Objects;

/** The use cases of the client commands: the server's own, driven as the console. */
public record ConsoleClients(RegisterClientUseCase register, ListClientsUseCase list, ShowClientUseCase show,
                             RemoveClientUseCase remove, RotateClientSecretUseCase rotateSecret) {

    /** For consoles without clients registered as data: every client command says so. */
    public static final ConsoleClients NOT_OFFERED = new ConsoleClients(
            command -> { throw new IllegalStateException("clients are not registered as data here"); },
            actor -> { throw new IllegalStateException("clients are not registered as data here"); },
            action -> { throw new IllegalStateException("clients are not registered as data here"); },
            action -> { throw new IllegalStateException("clients are not registered as data here"); },
            action -> { throw new IllegalStateException("clients are not registered as data here"); });

    public ConsoleClients {
        Objects.requireNonNull(register, "register");
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(show, "show");
        Objects.requireNonNull(remove, "remove");
        Objects.requireNonNull(rotateSecret, "rotateSecret");
    }
}
