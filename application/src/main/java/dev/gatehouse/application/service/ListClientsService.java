package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.Actor;
import dev.gatehouse.application.port.in.AdminResult;
import dev.gatehouse.application.port.in.ListClientsUseCase;
import dev.gatehouse.application.port.out.ClientRepository;
import dev.gatehouse.domain.RegisteredClient;
import java.util.List;

/** Lists the clients registered as data, for an administrator. */
public final class ListClientsService implements ListClientsUseCase {

    private final ClientAdministration administration;
    private final ClientRepository repository;

    ListClientsService(ClientAdministration administration, ClientRepository repository) {
        this.administration = administration;
        this.repository = repository;
    }

    @Override
    public AdminResult<List<RegisteredClient>> list(Actor actor) {
        return administration.asAdmin(actor, actorName -> new AdminResult.Done<>(repository.all()), AdminResult.Refused::new);
    }
}
