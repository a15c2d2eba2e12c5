package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientId;
import java.util.Optional;

/**
 * The client applications Gatehouse knows. When none are registered (the default) clients are not authenticated
 * at all, as in FastAPI's tutorial; once any is, every request to the token and revocation endpoints must come
 * from one of them. Every adapter passes {@code ClientRegistryContract}.
 */
public interface ClientRegistry {

    /** The client with this id, if registered. */
    Optional<Client> find(ClientId id);

    /** Whether any client is registered, which turns client authentication on. */
    boolean anyRegistered();
}
