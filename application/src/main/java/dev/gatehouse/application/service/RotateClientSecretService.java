package dev.gatehouse.application.service;

import dev.gatehouse.application.port.in.ClientAction;
import dev.gatehouse.application.port.in.RotateClientSecretResult;
import dev.gatehouse.application.port.in.RotateClientSecretUseCase;
import dev.gatehouse.application.port.out.ClientRepository;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.RegisteredClient;
import java.util.Optional;

/**
 * Replaces the secret of a confidential client registered as data with a newly generated one, shown once; the old
 * secret stops authenticating at once, on every instance. Sessions are kept: the secret proved the client, not them.
 */
public final class RotateClientSecretService implements RotateClientSecretUseCase {

    private final ClientAdministration administration;
    private final KnownClients known;
    private final ClientRepository repository;

    RotateClientSecretService(ClientAdministration administration, KnownClients known, ClientRepository repository) {
        this.administration = administration;
        this.known = known;
        this.repository = repository;
    }

    @Override
    public RotateClientSecretResult rotate(ClientAction action) {
        return administration.asAdmin(action.actor(), actorName -> {
            Optional<ClientId> id = ClientAdministration.registrable(action.clientId());
            if (id.isEmpty()) {
                return new RotateClientSecretResult.NoSuchClient();
            }
            if (known.isConfigured(id.get())) {
                return new RotateClientSecretResult.Configured(id.get());
            }
            Optional<RegisteredClient> stored = repository.find(id.get());
            if (stored.isEmpty()) {
                return new RotateClientSecretResult.NoSuchClient();
            }
            String secret = ClientSecrets.newSecret();
            // Conditional: only while the client (still) has a secret; a removal in between leaves nothing to replace.
            if (!repository.replaceSecret(id.get(), ClientSecrets.hashOf(secret))) {
                return stored.get().client().secretHash().isEmpty()
                        ? new RotateClientSecretResult.NoSecret(id.get()) : new RotateClientSecretResult.NoSuchClient();
            }
            administration.record(AuditEvent.Type.CLIENT_SECRET_ROTATED, id.get(), action.from(), actorName);
            return new RotateClientSecretResult.Rotated(id.get(), secret);
        }, RotateClientSecretResult.Refused::new);
    }
}
