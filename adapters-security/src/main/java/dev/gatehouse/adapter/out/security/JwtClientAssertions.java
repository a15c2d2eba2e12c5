package dev.gatehouse.adapter.out.security;

import dev.gatehouse.application.port.out.AssertionClaims;
import dev.gatehouse.application.port.out.ClientAssertions;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.ClientKeys;
import dev.gatehouse.support.json.JsonCodec;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Verifies {@code private_key_jwt} client assertions (RFC 7523 section 3, OpenID Connect Core section 9) with the
 * JDK's signature implementations, against the public keys the client registered: a JWKS given inline, or fetched
 * from its {@code jwks_uri} (kept {@value #KEY_SET_MAX_AGE_MINUTES} minutes, fetched again at most every
 * {@value #REFETCH_SECONDS} seconds when an assertion names a key id not in it, so a client can rotate its keys).
 *
 * <p>Only RS256 and ES256 are accepted: {@code none} and every HMAC algorithm are refused before any key is looked at,
 * as an HMAC "signed" with a public key proves nothing. The header may hold only {@code alg}, {@code kid} and
 * {@code typ}; header and payload must be strict JSON; {@code iss} and {@code sub} must be the client's id, {@code aud}
 * one of the accepted audiences (this server's token endpoint URL or issuer), {@code exp} present, not passed (with
 * {@value #CLOCK_SKEW_SECONDS} seconds of skew) and at most {@value #MAX_LIFETIME_MINUTES} minutes ahead, {@code jti}
 * present; {@code nbf} and {@code iat}, when present, not in the future. Single use is {@code AssertionReplays}' task.
 */
public final class JwtClientAssertions implements ClientAssertions {

    private static final Logger LOGGER = Logger.getLogger(JwtClientAssertions.class.getName());
    static final int KEY_SET_MAX_AGE_MINUTES = 5;
    static final int REFETCH_SECONDS = 30;
    static final int CLOCK_SKEW_SECONDS = 30;
    static final int MAX_LIFETIME_MINUTES = 5;
    private static final int MAX_ASSERTION_CHARS = 8 * 1024;
    private static final int MAX_KEY_SET_BYTES = 64 * 1024;
    private static final Set<String> ALLOWED_HEADERS = Set.of("alg", "kid", "typ");
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final Set<String> audiences;
    private final Clock clock;
    /**
     * Built at the first fetch of a remote key set: a client costs a selector thread and the TLS context (4 % of a
     * start's CPU), and most deployments register no client with a {@code jwks_uri}.
     */
    private volatile HttpClient http;
    private final Map<String, Fetched> remoteKeySets = new ConcurrentHashMap<>();

    /** {@code audiences}: what {@code aud} must name, this server's token endpoint URL and its issuer. */
    public JwtClientAssertions(Set<String> audiences, Clock clock) {
        this.audiences = Set.copyOf(audiences);
        this.clock = Objects.requireNonNull(clock, "clock");
        if (this.audiences.isEmpty()) {
            throw new IllegalArgumentException("client assertions need at least one audience to be addressed to");
        }
    }

    private HttpClient http() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                client = http;
                if (client == null) {
                    client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
                            .followRedirects(HttpClient.Redirect.NEVER).build();
                    http = client;
                }
            }
        }
        return client;
    }

    @Override
    public Optional<ClientId> claimedClient(String assertion) {
        try {
            JsonObject payload = segments(assertion).payload();
            String issuer = string(payload, "iss");
            return issuer != null && issuer.equals(string(payload, "sub")) ? ClientId.parse(issuer) : Optional.empty();
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<AssertionClaims> verify(String assertion, Client client) {
        try {
            return Optional.of(verified(assertion, client));
        } catch (Rejected | IllegalArgumentException | ClassCastException | ArithmeticException rejected) {
            LOGGER.log(Level.FINE, "Client assertion of {0} rejected: {1}", new Object[] {client.id(), rejected.getMessage()});
            return Optional.empty();
        }
    }

    private AssertionClaims verified(String assertion, Client client) {
        ClientKeys registered = client.keys().orElseThrow(() -> new Rejected("the client has no registered keys"));
        Segments jwt = segments(assertion);
        JsonObject header = jwt.header();
        require(ALLOWED_HEADERS.containsAll(header.keySet()), "unexpected header parameter");
        String algorithm = string(header, "alg");
        require("RS256".equals(algorithm) || "ES256".equals(algorithm), "algorithm " + algorithm + " is not RS256 or ES256");
        Optional<String> keyId = Optional.ofNullable(string(header, "kid"));
        require(keyId.isPresent() || !header.containsKey("kid"), "kid is not a string");
        byte[] signingInput = (jwt.parts()[0] + "." + jwt.parts()[1]).getBytes(StandardCharsets.US_ASCII);
        byte[] signature = DECODER.decode(jwt.parts()[2]);
        require(jwt.parts()[2].equals(Base64.getUrlEncoder().withoutPadding().encodeToString(signature)), "signature not canonical");
        boolean verified = candidates(registered, algorithm, keyId, false).stream()
                .anyMatch(key -> verifies(algorithm, key, signingInput, signature));
        if (!verified && registered instanceof ClientKeys.Remote && keyId.isPresent()) {
            // The client may have rotated its keys since we fetched them.
            verified = candidates(registered, algorithm, keyId, true).stream()
                    .anyMatch(key -> verifies(algorithm, key, signingInput, signature));
        }
        require(verified, "no registered key verifies the signature");
        return checkClaims(jwt.payload(), client.id());
    }

    private AssertionClaims checkClaims(JsonObject claims, ClientId client) {
        require(client.value().equals(string(claims, "iss")), "iss is not the client");
        require(client.value().equals(string(claims, "sub")), "sub is not the client");
        require(addressedHere(claims.get("aud")), "aud does not name this server");
        Instant now = clock.instant();
        Instant expiresAt = numericDate(claims, "exp");
        require(expiresAt != null, "no exp");
        require(now.isBefore(expiresAt.plusSeconds(CLOCK_SKEW_SECONDS)), "expired");
        require(!expiresAt.isAfter(now.plus(Duration.ofMinutes(MAX_LIFETIME_MINUTES))), "exp more than five minutes ahead");
        Instant notBefore = numericDate(claims, "nbf");
        require(notBefore == null || !notBefore.isAfter(now.plusSeconds(CLOCK_SKEW_SECONDS)), "not yet valid");
        Instant issuedAt = numericDate(claims, "iat");
        require(issuedAt == null || !issuedAt.isAfter(now.plusSeconds(CLOCK_SKEW_SECONDS)), "issued in the future");
        String tokenId = string(claims, "jti");
        require(tokenId != null && !tokenId.isEmpty() && tokenId.length() <= AssertionClaims.MAX_TOKEN_ID_LENGTH, "no usable jti");
        return new AssertionClaims(tokenId, expiresAt);
    }

    private boolean addressedHere(JsonValue audience) {
        if (audience instanceof JsonString single) {
            return audiences.contains(single.getString());
        }
        return audience instanceof JsonArray several && !several.isEmpty() && several.stream().allMatch(JsonString.class::isInstance)
                && several.stream().map(JsonString.class::cast).map(JsonString::getString).anyMatch(audiences::contains);
    }

    /** The registered keys that could have made this signature: of the algorithm's type, the named one if named. */
    private List<PublicKey> candidates(ClientKeys registered, String algorithm, Optional<String> keyId, boolean refetch) {
        JsonObject keySet = switch (registered) {
            case ClientKeys.Inline(String jwks) -> JsonCodec.parseObject(jwks).orElseThrow(() -> new Rejected("registered JWKS unreadable"));
            case ClientKeys.Remote(String url) -> remote(url, refetch);
        };
        if (!(keySet.get("keys") instanceof JsonArray keys)) {
            throw new Rejected("the key set has no keys");
        }
        List<PublicKey> found = new ArrayList<>();
        for (JsonValue value : keys) {
            if (!(value instanceof JsonObject jwk)) {
                continue;
            }
            if (keyId.isPresent() && !keyId.get().equals(string(jwk, "kid"))) {
                continue;
            }
            if (jwk.containsKey("use") && !"sig".equals(string(jwk, "use"))
                    || jwk.containsKey("alg") && !algorithm.equals(string(jwk, "alg"))) {
                continue;
            }
            publicKey(jwk, algorithm).ifPresent(found::add);
        }
        return found;
    }

    /** An RSA key for RS256 (2048 bits at least), a P-256 key for ES256; nothing else. */
    private static Optional<PublicKey> publicKey(JsonObject jwk, String algorithm) {
        try {
            String type = string(jwk, "kty");
            if ("RS256".equals(algorithm) && "RSA".equals(type)) {
                BigInteger modulus = new BigInteger(1, DECODER.decode(string(jwk, "n")));
                BigInteger exponent = new BigInteger(1, DECODER.decode(string(jwk, "e")));
                if (modulus.bitLength() < 2048) {
                    return Optional.empty();
                }
                return Optional.of(KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent)));
            }
            if ("ES256".equals(algorithm) && "EC".equals(type) && "P-256".equals(string(jwk, "crv"))) {
                AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
                parameters.init(new ECGenParameterSpec("secp256r1"));
                ECParameterSpec curve = parameters.getParameterSpec(ECParameterSpec.class);
                ECPoint point = new ECPoint(new BigInteger(1, DECODER.decode(string(jwk, "x"))),
                        new BigInteger(1, DECODER.decode(string(jwk, "y"))));
                // The JDK's KeyFactory refuses a point off the curve.
                return Optional.of(KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, curve)));
            }
            return Optional.empty();
        } catch (GeneralSecurityException | RuntimeException unusable) {
            return Optional.empty();
        }
    }

    private static boolean verifies(String algorithm, PublicKey key, byte[] signingInput, byte[] signature) {
        try {
            Signature verifier = switch (algorithm) {
                case "RS256" -> key instanceof RSAPublicKey ? Signature.getInstance("SHA256withRSA") : null;
                // JWS carries R || S (RFC 7518 section 3.4), the JDK's P1363 format.
                case "ES256" -> key instanceof ECPublicKey && signature.length == 64
                        ? Signature.getInstance("SHA256withECDSAinP1363Format") : null;
                default -> null;
            };
            if (verifier == null) {
                return false;
            }
            verifier.initVerify(key);
            verifier.update(signingInput);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException invalid) {
            return false;
        }
    }

    /** A client's published key set, fetched again when older than its age, or on request at most every 30 s. */
    private JsonObject remote(String url, boolean refetch) {
        Instant now = clock.instant();
        Fetched cached = remoteKeySets.get(url);
        boolean stale = cached == null || cached.at().plus(Duration.ofMinutes(KEY_SET_MAX_AGE_MINUTES)).isBefore(now)
                || refetch && cached.at().plusSeconds(REFETCH_SECONDS).isBefore(now);
        if (!stale) {
            return cached.keySet();
        }
        try {
            HttpResponse<byte[]> response = http().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200 || response.body().length > MAX_KEY_SET_BYTES) {
                throw new Rejected("key set URL answered " + response.statusCode());
            }
            JsonObject keySet = JsonCodec.parseObject(response.body()).orElseThrow(() -> new Rejected("key set is not JSON"));
            remoteKeySets.put(url, new Fetched(keySet, now));
            return keySet;
        } catch (java.io.IOException unreachable) {
            LOGGER.log(Level.WARNING, "Client key set at {0} unreachable: {1}", new Object[] {url, unreachable.getMessage()});
            if (cached != null) {
                return cached.keySet();
            }
            throw new Rejected("key set unreachable");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new Rejected("interrupted");
        }
    }

    private record Fetched(JsonObject keySet, Instant at) {
    }

    private record Segments(String[] parts, JsonObject header, JsonObject payload) {
    }

    private static Segments segments(String assertion) {
        require(assertion != null && !assertion.isEmpty() && assertion.length() <= MAX_ASSERTION_CHARS, "empty or too long");
        String[] parts = assertion.split("\\.", -1);
        require(parts.length == 3, "not three segments");
        for (String part : parts) {
            require(BASE64URL.matcher(part).matches(), "a segment is not unpadded base64url");
        }
        JsonObject header = JsonCodec.parseObject(DECODER.decode(parts[0])).orElseThrow(() -> new Rejected("header not strict JSON"));
        JsonObject payload = JsonCodec.parseObject(DECODER.decode(parts[1])).orElseThrow(() -> new Rejected("payload not strict JSON"));
        return new Segments(parts, header, payload);
    }

    private static String string(JsonObject object, String name) {
        return object.get(name) instanceof JsonString value ? value.getString() : null;
    }

    private static Instant numericDate(JsonObject claims, String name) {
        JsonValue value = claims.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
            throw new Rejected(name + " is not an integer");
        }
        return Instant.ofEpochSecond(number.longValueExact());
    }

    private static void require(boolean condition, String reason) {
        if (!condition) {
            throw new Rejected(reason);
        }
    }

    /** Why an assertion was refused; cheap (no stack trace), never leaves this class. */
    private static final class Rejected extends RuntimeException {

        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }
}
