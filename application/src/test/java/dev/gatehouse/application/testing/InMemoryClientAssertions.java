package dev.gatehouse.application.testing;

import dev.gatehouse.application.port.out.AssertionClaims;
import dev.gatehouse.application.port.out.ClientAssertions;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.ClientKeys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Unsigned stand-ins for client assertions, {@code fake.<base64url of iss|sub|aud|exp|jti>.<key>}, where {@code key}
 * must appear in the client's inline key set: enough for the services' tests, no cryptography. Held honest by
 * {@link ClientAssertionsContract}.
 */
public final class InMemoryClientAssertions implements ClientAssertions {

    private static final Duration MAX_AHEAD = Duration.ofMinutes(5);
    private final Clock clock;
    private final String audience;

    public InMemoryClientAssertions(Clock clock, String audience) {
        this.clock = clock;
        this.audience = audience;
    }

    /** An assertion with these claims (null {@code exp} or {@code jti} left out), made with the key named {@code key}. */
    public static String assertion(String iss, String sub, String aud, Instant exp, String jti, String key) {
        String claims = iss + "|" + sub + "|" + aud + "|" + (exp == null ? "" : exp.getEpochSecond()) + "|" + (jti == null ? "" : jti);
        return "fake." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + key;
    }

    /** The key set a client registers to have assertions made with {@code key} accepted. */
    public static ClientKeys keys(String key) {
        return new ClientKeys.Inline("{\"keys\":[{\"kid\":\"" + key + "\"}]}");
    }

    @Override
    public Optional<ClientId> claimedClient(String assertion) {
        return parts(assertion).filter(parts -> parts[0].equals(parts[1])).flatMap(parts -> ClientId.parse(parts[0]));
    }

    @Override
    public Optional<AssertionClaims> verify(String assertion, Client client) {
        Optional<String[]> parts = parts(assertion);
        if (parts.isEmpty() || !(client.keys().orElse(null) instanceof ClientKeys.Inline(String jwks))) {
            return Optional.empty();
        }
        String key = assertion.substring(assertion.lastIndexOf('.') + 1);
        String[] claims = parts.get();
        Instant now = clock.instant();
        if (key.isEmpty() || !jwks.contains("\"kid\":\"" + key + "\"") || !claims[0].equals(client.id().value())
                || !claims[1].equals(client.id().value()) || !claims[2].equals(audience) || claims[3].isEmpty() || claims[4].isEmpty()) {
            return Optional.empty();
        }
        Instant exp = Instant.ofEpochSecond(Long.parseLong(claims[3]));
        if (!exp.isAfter(now) || exp.isAfter(now.plus(MAX_AHEAD))) {
            return Optional.empty();
        }
        return Optional.of(new AssertionClaims(claims[4], exp));
    }

    private static Optional<String[]> parts(String assertion) {
        String[] segments = assertion.split("\\.", -1);
        if (segments.length != 3 || !segments[0].equals("fake")) {
            return Optional.empty();
        }
        try {
            String[] claims = new String(Base64.getUrlDecoder().decode(segments[1]), StandardCharsets.UTF_8).split("\\|", -1);
            return claims.length == 5 ? Optional.of(claims) : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
}
