package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.IdTokenClaims;
import dev.gatehouse.application.port.out.IdTokens;
import dev.gatehouse.domain.AccessToken;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** ID tokens as random names for the claims they stand for, remembered in memory; passes {@link IdTokensContract}. */
public final class InMemoryIdTokens implements IdTokens {

    private final Map<String, IdTokenClaims> issued = new ConcurrentHashMap<>();

    @Override
    public Optional<String> issue(IdTokenClaims claims, AccessToken accessToken) {
        String token = "id." + UUID.randomUUID();
        issued.put(token, claims);
        return Optional.of(token);
    }

    @Override
    public Optional<IdTokenClaims> read(String idToken) {
        return idToken == null ? Optional.empty() : Optional.ofNullable(issued.get(idToken));
    }
}
