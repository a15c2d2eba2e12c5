package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.ClientAction;
import dev.gatehouse.application.port.in.RemoveClientResult;
import dev.gatehouse.application.port.in.RemoveClientUseCase;
import dev.gatehouse.application.port.out.ClientRepository;
import dev.gatehouse.application.port.out.RefreshTokens;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.ClientId;
import java.util.Optional;

/**
 * Removes a client registered as data, then revokes every session started through it: once it is gone no new
 * session can start through it, so none escapes. The sessions are revoked even when the client was already gone, so
 * that a removal cut short between its two steps is finished by asking again.
 */
public final class RemoveClientService implements RemoveClientUseCase {

    private final ClientAdministration administration;
    private final KnownClients known;
    private final ClientRepository repository;
    private final RefreshTokens refreshTokens;

    RemoveClientService(ClientAdministration administration, KnownClients known, ClientRepository repository,
                        RefreshTokens refreshTokens) {
        this.administration = administration;
        this.known = known;
        this.repository = repository;
        this.refreshTokens = refreshTokens;
    }

    @Override
    public RemoveClientResult remove(ClientAction action) {
        return administration.asAdmin(action.actor(), actorName -> {
            Optional<ClientId> id = ClientAdministration.registrable(action.clientId());
            if (id.isEmpty()) {
                return new RemoveClientResult.NoSuchClient();
            }
            if (known.isConfigured(id.get())) {
                return new RemoveClientResult.Configured(id.get());
            }
            boolean removed = repository.remove(id.get());
            known.changed();
            int ended = refreshTokens.revokeAllOfClient(id.get(), administration.clock().instant());
            if (!removed) {
                return new RemoveClientResult.NoSuchClient();
            }
            administration.record(AuditEvent.Type.CLIENT_REMOVED, id.get(), action.from(), actorName);
            return new RemoveClientResult.Removed(id.get(), ended);
        }, RemoveClientResult.Refused::new);
    }
}
