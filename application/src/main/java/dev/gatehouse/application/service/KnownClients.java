package dev.gatehouse.application.service;

import dev.gatehouse.application.port.out.ClientRegistry;
import dev.gatehouse.application.port.out.ClientRepository;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.RegisteredClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clients the application sees: those in the settings, then those registered as data. Registration refuses an
 * id the settings hold, so the two never name one client twice; the settings are asked first all the same. A client
 * is looked up anew each time: one registered, rotated or removed on another instance counts there at once.
 *
 * <p>Whether any client is registered at all (which turns client authentication on) is asked on every token request,
 * so the answer from the store is remembered for {@link #PRESENCE_FRESHNESS}: without it, every login of a deployment
 * without clients asked the database twice more, and a flood of logins took the pool from everyone. A registration
 * or removal on this instance forgets the answer at once; another instance sees the first client (or the loss of the
 * last) within that second, and while it does not, it behaves as it did a moment before.
 */
final class KnownClients implements ClientRegistry {

    static final Duration PRESENCE_FRESHNESS = Duration.ofSeconds(1);

    private final ClientRegistry configured;
    private final ClientRepository stored;
    private final Clock clock;
    private final AtomicReference<StoredPresence> presence = new AtomicReference<>();

    KnownClients(ClientRegistry configured, ClientRepository stored, Clock clock) {
        this.configured = configured;
        this.stored = stored;
        this.clock = clock;
    }

    /** What the store said, and until when it is taken for true. */
    private record StoredPresence(boolean any, Instant freshUntil) {
    }

    @Override
    public Optional<Client> find(ClientId id) {
        Optional<Client> inSettings = configured.find(id);
        return inSettings.isPresent() ? inSettings : stored.find(id).map(RegisteredClient::client);
    }

    @Override
    public boolean anyRegistered() {
        return configured.anyRegistered() || anyStored();
    }

    private boolean anyStored() {
        Instant now = clock.instant();
        StoredPresence known = presence.get();
        if (known == null || !now.isBefore(known.freshUntil())) {
            known = new StoredPresence(stored.anyStored(), now.plus(PRESENCE_FRESHNESS));
            presence.set(known);
        }
        return known.any();
    }

    /** A client was registered or removed here: the next question goes to the store. */
    void changed() {
        presence.set(null);
    }

    /** Whether the settings register this id. */
    boolean isConfigured(ClientId id) {
        return configured.find(id).isPresent();
    }
}
