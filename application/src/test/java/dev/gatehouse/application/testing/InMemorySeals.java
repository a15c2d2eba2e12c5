package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.Seals;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link Seals} that remember what they sealed under a random handle: only a handle they gave out opens. */
public final class InMemorySeals implements Seals {

    private record Sealed(Purpose purpose, String content, Instant expiresAt) {
    }

    private final Map<String, Sealed> sealed = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    @Override
    public String seal(Purpose purpose, String content, Instant expiresAt) {
        byte[] handle = new byte[16];
        random.nextBytes(handle);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(handle);
        sealed.put(token, new Sealed(purpose, content, expiresAt));
        return token;
    }

    @Override
    public Optional<String> open(Purpose purpose, String token, Instant now) {
        if (token == null) {
            return Optional.empty();
        }
        Sealed found = sealed.get(token);
        if (found == null || found.purpose() != purpose || !now.isBefore(found.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(found.content());
    }
}
