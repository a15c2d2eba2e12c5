package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.Consents;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.Consent;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.UserId;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@link Consents} in a map; a grant merges atomically ({@link ConcurrentHashMap#merge}), so racing grants unite. */
public final class InMemoryConsents implements Consents {

    private record Key(UserId user, ClientId client) {
    }

    private final Map<Key, Consent> consents = new ConcurrentHashMap<>();

    @Override
    public Optional<Consent> find(UserId user, ClientId client) {
        return Optional.ofNullable(consents.get(new Key(user, client)));
    }

    @Override
    public Consent grant(UserId user, ClientId client, Set<Scope> scopes, Instant at) {
        return consents.merge(new Key(user, client), new Consent(user, client, scopes, at),
                (before, now) -> before.alsoAllowing(now.scopes(), at));
    }

    @Override
    public List<Consent> of(UserId user) {
        return consents.values().stream().filter(consent -> consent.user().equals(user))
                .sorted(Comparator.comparing(consent -> consent.client().value())).toList();
    }

    @Override
    public boolean revoke(UserId user, ClientId client) {
        return consents.remove(new Key(user, client)) != null;
    }
}
