package dev.gatehouse.examples.helidon;

import io.helidon.common.configurable.Resource;
import io.helidon.security.AuthenticationResponse;
import io.helidon.security.ProviderRequest;
import io.helidon.security.SecurityResponse;
import io.helidon.security.providers.common.TokenCredential;
import io.helidon.security.providers.jwt.JwtProvider;
import io.helidon.security.jwt.Jwt;
import io.helidon.security.jwt.SignedJwt;
import io.helidon.security.jwt.jwk.Jwk;
import io.helidon.security.jwt.jwk.JwkKeys;
import io.helidon.security.spi.AuthenticationProvider;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Helidon's {@link JwtProvider} (signature from the key set, {@code aud}, {@code exp}/{@code iat}/{@code nbf} with its
 * fixed 5 s of clock skew) plus what it lacks for Gatehouse's tokens, measured on 4.3.0:
 * <ul>
 * <li>it reads the key set once, when built: this provider builds it again from a fresh key set when a token names
 *     a {@code kid} the set lacks, at most once every {@link #REFRESH_AT_MOST_EVERY} (so forged kids cannot make it
 *     hammer Gatehouse), and every {@link #KEY_SET_LIFETIME} (so a key Gatehouse retired or revoked drops out);</li>
 * <li>it does not check {@code iss}, accepts a token without {@code exp}, and does not look at {@code typ}:
 *     checked here after it succeeds;</li>
 * <li>its 401 has no {@code WWW-Authenticate} header: added here (RFC 6750).</li>
 * </ul>
 */
final class GatehouseJwtProvider implements AuthenticationProvider {

    static final Duration REFRESH_AT_MOST_EVERY = Duration.ofSeconds(5);
    static final Duration KEY_SET_LIFETIME = Duration.ofMinutes(5);
    private static final String INVALID_TOKEN = "Bearer error=\"invalid_token\"";

    private final URI keySet;
    private final String issuer;
    private final String audience;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile Keys keys;

    /** The provider built on one key set, the key ids in it, and when it was fetched. */
    private record Keys(JwtProvider provider, Set<String> ids, Instant fetched) {
    }

    GatehouseJwtProvider(URI keySet, String issuer, String audience, Clock clock) {
        this.keySet = keySet;
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
    }

    @Override
    public AuthenticationResponse authenticate(ProviderRequest request) {
        Optional<String> token = bearerToken(request);
        if (token.isEmpty()) {
            return failure("no bearer token", "Bearer");
        }
        Optional<String> kid;
        try {
            kid = SignedJwt.parseToken(token.get()).getJwt().keyId();
        } catch (RuntimeException notAJwt) {
            return failure("not a JWT", INVALID_TOKEN);
        }
        Keys current;
        try {
            current = currentKeys(kid.orElse(null));
        } catch (IOException | RuntimeException unreachable) {
            return failure("key set unavailable: " + unreachable.getMessage(), INVALID_TOKEN);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return failure("interrupted", INVALID_TOKEN);
        }
        AuthenticationResponse verified = current.provider().authenticate(request);
        if (verified.status() != SecurityResponse.SecurityStatus.SUCCESS) {
            return failure(verified.description().orElse("invalid token"), INVALID_TOKEN);
        }
        Optional<Jwt> jwt = verified.user().flatMap(user -> user.publicCredential(TokenCredential.class))
                .flatMap(credential -> credential.getTokenInstance(Jwt.class));
        if (jwt.isEmpty()
                || !jwt.get().type().map("at+jwt"::equals).orElse(false)
                || !jwt.get().issuer().map(issuer::equals).orElse(false)
                || jwt.get().expirationTime().isEmpty()) {
            return failure("not an access token of " + issuer, INVALID_TOKEN);
        }
        return verified;
    }

    private Keys currentKeys(String kid) throws IOException, InterruptedException {
        Keys current = keys;
        Instant now = clock.instant();
        boolean stale = current == null || current.fetched().plus(KEY_SET_LIFETIME).isBefore(now);
        boolean unknownKid = current != null && kid != null && !current.ids().contains(kid)
                && current.fetched().plus(REFRESH_AT_MOST_EVERY).isBefore(now);
        if (stale || unknownKid) {
            synchronized (this) {
                if (keys == current) {
                    keys = fetch(now);
                }
                return keys;
            }
        }
        return current;
    }

    private Keys fetch(Instant now) throws IOException, InterruptedException {
        HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(keySet).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (answer.statusCode() != 200) {
            throw new IOException(keySet + " answered " + answer.statusCode());
        }
        Resource resource = Resource.create("Gatehouse key set", answer.body());
        Set<String> ids = JwkKeys.builder().resource(resource).build().keys().stream()
                .map(Jwk::keyId).collect(Collectors.toUnmodifiableSet());
        JwtProvider.Builder builder = JwtProvider.builder()
                .verifySignature(true)
                .allowUnsigned(false)
                .optional(false)
                .propagate(false)
                .verifyJwk(resource);
        builder.expectedAudience(audience);
        return new Keys(builder.build(), ids, now);
    }

    private static Optional<String> bearerToken(ProviderRequest request) {
        List<String> values = request.env().headers().getOrDefault("Authorization", List.of());
        if (values.isEmpty()) {
            values = request.env().headers().getOrDefault("authorization", List.of());
        }
        return values.stream().findFirst()
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(value -> value.substring(7).strip());
    }

    private static AuthenticationResponse failure(String why, String challenge) {
        return AuthenticationResponse.builder()
                .status(SecurityResponse.SecurityStatus.FAILURE)
                .description(why)
                .responseHeader("WWW-Authenticate", challenge)
                .build();
    }
}
