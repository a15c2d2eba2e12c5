package dev.gatehouse.adapter.out.security;

import dev.gatehouse.application.port.out.IdTokenClaims;
import dev.gatehouse.application.port.out.IdTokens;
import dev.gatehouse.application.port.out.SigningKeyRepository;
import dev.gatehouse.application.port.out.StoreUnavailableException;
import dev.gatehouse.domain.AccessToken;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.KeyId;
import dev.gatehouse.domain.KeyRotationPolicy;
import dev.gatehouse.domain.SigningAlgorithm;
import dev.gatehouse.domain.SigningKey;
import dev.gatehouse.domain.StandardClaims;
import dev.gatehouse.support.json.JsonCodec;
import io.helidon.security.jwt.Jwt;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * OpenID Connect ID tokens (OpenID Connect Core 1.0 section 2) signed with the same rotating, published keys as the
 * access tokens ({@link JwtAccessTokens}' asymmetric mode), so a relying party verifies them with {@code /jwks}.
 * Helidon's JWT library builds the claims; {@link JwsKey} signs. {@code typ} is {@code JWT}, never {@code at+jwt}, so
 * an ID token is never accepted as an access token, and an access token never reads as an ID token (it lacks
 * {@code auth_time} and {@code azp}).
 *
 * <p>Claims: {@code iss}, {@code sub} (the account's id), {@code aud} and {@code azp} (the client), {@code exp},
 * {@code iat}, {@code auth_time}, {@code nonce} when the client sent one, {@code sid} when it came from a browser session, {@code at_hash} (the left half of the
 * access token's hash under the signing algorithm's hash: SHA-256 for ES256 and RS256, SHA-512 for Ed25519, in
 * base64url, section 3.1.3.6), and the standard claims the scopes release. It lives as long as an access token.
 */
public final class JwtIdTokens implements IdTokens {

    private static final String TYPE = "JWT";
    private static final Set<String> HEADERS = Set.of("alg", "typ", "kid");
    private static final int MAX_TOKEN_CHARS = 8 * 1024;
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final JwtSettings settings;
    private final SigningKeyRepository keys;
    private final KeyRotationPolicy policy;
    private final Clock clock;

    /** Signs with the keys of {@code keys} as {@code policy} publishes them (give it the caching repository). */
    public JwtIdTokens(JwtSettings settings, SigningKeyRepository keys, KeyRotationPolicy policy, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<String> issue(IdTokenClaims claims, AccessToken accessToken) {
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(accessToken, "accessToken");
        SigningKey stored = policy.signingKey(keys.findAll(), clock.instant()).orElseThrow(() ->
                new StoreUnavailableException("no signing key can sign here yet; the key rotation creates one", null));
        JwsKey key = JwsKey.of(stored);
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        StandardClaims about = claims.claims();
        Jwt.Builder jwt = Jwt.builder()
                .algorithm(key.algorithm())
                .keyId(key.keyId())
                .type(TYPE)
                .issuer(settings.issuer())
                .addAudience(claims.audience().value())
                .subject(about.subject())
                .issueTime(issuedAt)
                .expirationTime(issuedAt.plus(settings.lifetime()))
                .jwtId(UUID.randomUUID().toString())
                .addPayloadClaim("azp", claims.audience().value())
                .addPayloadClaim("auth_time", claims.authTime().getEpochSecond())
                .addPayloadClaim("at_hash", accessTokenHash(accessToken.value(), stored.algorithm()));
        claims.nonce().ifPresent(nonce -> jwt.addPayloadClaim("nonce", nonce));
        claims.sid().ifPresent(sid -> jwt.addPayloadClaim("sid", sid.value()));
        about.preferredUsername().ifPresent(name -> jwt.addPayloadClaim("preferred_username", name));
        about.name().ifPresent(name -> jwt.addPayloadClaim("name", name));
        about.email().ifPresent(email -> jwt.addPayloadClaim("email", email));
        about.emailVerified().ifPresent(verified -> jwt.addPayloadClaim("email_verified", verified));
        Jwt built = jwt.build();
        String signingInput = ENCODER.encodeToString(bytes(built.headerJson().toString())) + "."
                + ENCODER.encodeToString(bytes(built.payloadJson().toString()));
        return Optional.of(signingInput + "." + ENCODER.encodeToString(key.sign(bytes(signingInput))));
    }

    /** OpenID Connect Core section 3.1.3.6: the left half of the token's hash under the algorithm's hash, base64url. */
    static String accessTokenHash(String accessToken, SigningAlgorithm algorithm) {
        String hash = algorithm == SigningAlgorithm.EdDSA ? "SHA-512" : "SHA-256";
        try {
            byte[] digest = MessageDigest.getInstance(hash).digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return ENCODER.encodeToString(Arrays.copyOf(digest, digest.length / 2));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has " + hash, impossible);
        }
    }

    @Override
    public Optional<IdTokenClaims> read(String idToken) {
        try {
            return Optional.of(claimsOf(idToken));
        } catch (StoreUnavailableException storeDown) {
            throw storeDown;
        } catch (RuntimeException refused) {
            return Optional.empty();
        }
    }

    private IdTokenClaims claimsOf(String token) {
        require(token != null && !token.isEmpty() && token.length() <= MAX_TOKEN_CHARS);
        String[] parts = token.split("\\.", -1);
        require(parts.length == 3);
        for (String part : parts) {
            require(BASE64URL.matcher(part).matches());
        }
        JsonObject header = JsonCodec.parseObject(DECODER.decode(parts[0])).orElseThrow();
        require(HEADERS.containsAll(header.keySet()) && TYPE.equals(string(header, "typ")));
        String keyId = string(header, "kid");
        require(keyId != null);
        // Only a key published now verifies, with exactly its own algorithm (never one the header picks).
        List<SigningKey> all = keys.findAll();
        SigningKey stored = policy.published(all, clock.instant()).stream()
                .filter(key -> key.id().equals(new KeyId(keyId))).findFirst().orElseThrow();
        JwsKey key = JwsKey.of(stored.publicOnly());
        require(key.algorithm().equals(string(header, "alg")));
        byte[] signature = DECODER.decode(parts[2]);
        require(parts[2].equals(ENCODER.encodeToString(signature)));
        require(key.verify(bytes(parts[0] + "." + parts[1]), signature));
        JsonObject payload = JsonCodec.parseObject(DECODER.decode(parts[1])).orElseThrow();
        require(settings.issuer().equals(string(payload, "iss")));
        String subject = string(payload, "sub");
        ClientId audience = ClientId.parse(string(payload, "azp")).orElseThrow();
        JsonValue aud = payload.get("aud");
        require(aud instanceof JsonString single ? single.getString().equals(audience.value())
                : aud != null && aud.getValueType() == JsonValue.ValueType.ARRAY && aud.asJsonArray().size() == 1
                        && aud.asJsonArray().get(0) instanceof JsonString only && only.getString().equals(audience.value()));
        require(payload.get("auth_time") instanceof JsonNumber number && number.isIntegral());
        Instant authTime = Instant.ofEpochSecond(((JsonNumber) payload.get("auth_time")).longValueExact());
        JsonValue verified = payload.get("email_verified");
        require(verified == null || verified == JsonValue.TRUE || verified == JsonValue.FALSE);
        return new IdTokenClaims(new StandardClaims(Objects.requireNonNull(subject),
                Optional.ofNullable(string(payload, "preferred_username")), Optional.ofNullable(string(payload, "name")),
                Optional.ofNullable(string(payload, "email")),
                verified == null ? Optional.empty() : Optional.of(verified == JsonValue.TRUE)),
                audience, authTime, Optional.ofNullable(string(payload, "nonce")),
                Optional.ofNullable(string(payload, "sid")).flatMap(dev.gatehouse.domain.BrowserSessionId::parse));
    }

    private static String string(JsonObject object, String name) {
        return object.get(name) instanceof JsonString value ? value.getString() : null;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void require(boolean condition) {
        if (!condition) {
            throw new IllegalArgumentException("not one of our ID tokens");
        }
    }
}
