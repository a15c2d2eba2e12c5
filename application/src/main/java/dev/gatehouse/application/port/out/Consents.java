package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.Consent;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The consents people gave to third-party client applications, one per user and client, shared by every instance.
 * A grant adds scopes to what was allowed before and never loses any, even when two grants for the same user and
 * client race (on one instance or several): the stored consent ends with the union of both. Every adapter passes
 * {@code ConsentsContract}.
 */
public interface Consents {

    /** What {@code user} allowed {@code client}, if anything. */
    Optional<Consent> find(UserId user, ClientId client);

    /**
     * Records that {@code user} allows {@code client} {@code scopes} (besides whatever they allowed it before), at
     * {@code at}, and answers the consent as now stored.
     */
    Consent grant(UserId user, ClientId client, Set<Scope> scopes, Instant at);

    /** Every consent {@code user} gave, by client id. */
    List<Consent> of(UserId user);

    /** Forgets what {@code user} allowed {@code client}; whether there was a consent to forget. */
    boolean revoke(UserId user, ClientId client);

    /** For assemblies without third-party clients: nothing is remembered, so every request would ask again. */
    static Consents none() {
        return new Consents() {
            @Override
            public Optional<Consent> find(UserId user, ClientId client) {
                return Optional.empty();
            }

            @Override
            public Consent grant(UserId user, ClientId client, Set<Scope> scopes, Instant at) {
                return new Consent(user, client, scopes, at);
            }

            @Override
            public List<Consent> of(UserId user) {
                return List.of();
            }

            @Override
            public boolean revoke(UserId user, ClientId client) {
                return false;
            }
        };
    }
}
