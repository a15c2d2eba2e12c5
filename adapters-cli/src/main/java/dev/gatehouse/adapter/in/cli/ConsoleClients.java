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

    public ConsoleClients {
        Objects.requireNonNull(register, "register");
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(show, "show");
        Objects.requireNonNull(remove, "remove");
        Objects.requireNonNull(rotateSecret, "rotateSecret");
    }
}
