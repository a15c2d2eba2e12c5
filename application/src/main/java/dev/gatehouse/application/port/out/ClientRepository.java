package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.ClientSecretHash;
import dev.gatehouse.domain.RegisteredClient;
import java.util.List;
import java.util.Optional;

/**
 * The clients registered as data, shared by every instance: a client stored on one is found on every other at
 * once. Only secret hashes are stored. Every write is conditional, so of two concurrent registrations of one id
 * exactly one is stored. Every adapter passes {@code ClientRepositoryContract}.
 */
public interface ClientRepository {

    /** Stores the client unless a client with its id is stored; true when this call stored it. */
    boolean add(RegisteredClient client);

    /** The stored client with this id, if any. */
    Optional<RegisteredClient> find(ClientId id);

    /** Every stored client, by id. */
    List<RegisteredClient> all();

    /** Whether any client is stored. */
    boolean anyStored();

    /** Deletes the client; true when this call deleted it. */
    boolean remove(ClientId id);

    /**
     * Replaces the secret hash of the stored client, only while it has one (a public client or one that proves itself
     * with keys alone gets none this way); true when this call replaced it.
     */
    boolean replaceSecret(ClientId id, ClientSecretHash next);

    /** A repository that stores nothing and finds nothing, for assemblies that keep clients in their settings only. */
    static ClientRepository none() {
        return new ClientRepository() {
            @Override
            public boolean add(RegisteredClient client) {
                return false;
            }

            @Override
            public Optional<RegisteredClient> find(ClientId id) {
                return Optional.empty();
            }

            @Override
            public List<RegisteredClient> all() {
                return List.of();
            }

            @Override
            public boolean anyStored() {
                return false;
            }

            @Override
            public boolean remove(ClientId id) {
                return false;
            }

            @Override
            public boolean replaceSecret(ClientId id, ClientSecretHash next) {
                return false;
            }
        };
    }
}
