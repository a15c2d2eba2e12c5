package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.ClientAction;
import dev.gatehouse.application.port.in.ShowClientResult;
import dev.gatehouse.application.port.in.ShowClientUseCase;
import dev.gatehouse.application.port.out.ClientRepository;

/** Shows one client registered as data, for an administrator. */
public final class ShowClientService implements ShowClientUseCase {

    private final ClientAdministration administration;
    private final ClientRepository repository;

    ShowClientService(ClientAdministration administration, ClientRepository repository) {
        this.administration = administration;
        this.repository = repository;
    }

    @Override
    public ShowClientResult show(ClientAction action) {
        return administration.asAdmin(action.actor(), actorName -> ClientAdministration.registrable(action.clientId())
                .flatMap(repository::find)
                .<ShowClientResult>map(ShowClientResult.Found::new)
                .orElseGet(ShowClientResult.NoSuchClient::new), ShowClientResult.Refused::new);
    }
}
