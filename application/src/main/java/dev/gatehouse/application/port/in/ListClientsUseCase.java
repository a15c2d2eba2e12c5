package dev.gatehouse.application.port.in;

import dev.gatehouse.domain.RegisteredClient;
import java.util.List;

/** The clients registered as data, by id (those in the settings are listed there). */
public interface ListClientsUseCase {

    AdminResult<List<RegisteredClient>> list(Actor actor);
}
