package dev.gatehouse.adapter.out.security;

import dev.gatehouse.support.cache.ClockCache;
import dev.gatehouse.support.cache.SharedValues;
import dev.gatehouse.support.json.JsonCodec;

import dev.gatehouse.application.port.out.AccessTokenClaims;
import dev.gatehouse.application.port.out.AccessTokens;
import dev.gatehouse.application.port.out.ClientTokenClaims;
import dev.gatehouse.application.port.out.SigningKeyRepository;
import dev.gatehouse.application.port.out.StoreUnavailableException;
import dev.gatehouse.domain.AccessToken;
import dev.gatehouse.domain.Audience;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.KeyId;
import dev.gatehouse.domain.KeyRotationPolicy;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.SessionId;
import dev.gatehouse.domain.SigningKey;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.UserId;
import dev.gatehouse.domain.Username;
import io.helidon.security.jwt.Jwt;
import io.helidon.security.jwt.JwtHeaders;
import io.helidon.security.jwt.SignedJwt;
import io.helidon.security.jwt.jwk.JwkOctet;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * JWT access tokens, timed by the injected {@link Clock}, in one of two modes:
 * <ul>
 *   <li><b>HS256</b> ({@link #JwtAccessTokens(JwtSettings, Clock)}): one shared secret from {@link JwtSettings},
 *       {@code typ: JWT}, exactly the tutorial-compatible tokens; nothing is published.</li>
 *   <li><b>Asymmetric</b> ({@link #JwtAccessTokens(JwtSettings, SigningKeyRepository, KeyRotationPolicy, Clock)}):
 *       ES256, RS256 or EdDSA keys from the {@link SigningKeyRepository}, chosen by the {@link KeyRotationPolicy};
 *       RFC 9068 access tokens ({@code typ: at+jwt}) that a resource server verifies with the published keys.
 *       A token is accepted only when its {@code kid} names a key the policy publishes now, with that key's
 *       {@code alg}: a retired key past its retention or an unpublished key verifies nothing.</li>
 * </ul>
 *
 * <p>Helidon's JWT library builds the claims ({@link Jwt#builder()}) and decodes tokens ({@link JwtHeaders#parseToken},
 * {@link SignedJwt#parseToken(JwtHeaders, String)}); {@link JwsKey} signs and verifies.
 *
 * <p>{@link #verify} checks the rest itself, because Helidon 4.3 accepts what we refuse: a length cap and unpadded
 * base64url; header and payload must read the same under our strict parser ({@link JsonCodec}), as Helidon lets a
 * later duplicate key win and ignores trailing text; only {@code alg}, {@code typ}, {@code kid} in the header, with
 * {@code alg} exactly the algorithm of the key {@code kid} names, pinned before any key is used (Helidon would take
 * a header without {@code alg} or with {@code jku}); the signature in its canonical encoding, as base64 decoding
 * ignores unused trailing bits; and every claim, read from the payload as sent, against the clock with {@code exp}
 * mandatory, as Helidon's validators accept a token without {@code exp} and its typed view truncates a fractional one,
 * and {@code exp - iat} at most the configured lifetime (shortening the lifetime refuses longer tokens issued before).
 *
 * <p>Besides the registered claims a token carries the account's stable id ({@code uid}, mandatory: {@code sub} is
 * only the username, which a deleted account's successor could take), the user's security version ({@code sv}) and
 * its session ({@code sid}), and RFC 9068's {@code client_id}: the registered client application it was issued to, or
 * {@link JwtSettings#DEFAULT_CLIENT_ID} (a {@code client_id} that is not a valid client id string refuses the token); a
 * client's configured audiences are added to {@code aud}. A token issued before they existed lacks both and reads as version 0 without a session; a
 * token that has one of them in any other form than we write it (a non-negative integer, a canonical UUID) is
 * refused.
 *
 * <p>A token's signature is checked once: its verified claims are remembered, under the SHA-256 of the whole token
 * (so a token that differs in any byte is verified afresh), until it expires, in a cache bounded to
 * {@link #DEFAULT_CACHED_TOKENS} entries. A remembered token is still refused as soon as its {@code kid} no longer
 * names a trusted key (a revoked or retired key, seen as quickly as without the cache) or it has expired by the
 * clock. What the use cases check on every request (revocation, sessions, security versions) is not cached here.
 */
public final class JwtAccessTokens implements AccessTokens {

    private static final Logger LOGGER = Logger.getLogger(JwtAccessTokens.class.getName());
    private static final String HS256 = JwkOctet.ALG_HS256;
    private static final String JWT_TYPE = "JWT";
    /** RFC 9068 section 2.1; verifiers accept the media type too (section 4). */
    private static final String ACCESS_TOKEN_TYPE = "at+jwt";
    private static final Set<String> ACCESS_TOKEN_TYPES = Set.of(ACCESS_TOKEN_TYPE, "application/at+jwt");
    private static final Set<String> ALLOWED_HEADERS = Set.of("alg", "typ", "kid");
    /** Our tokens are well under 1 KiB; the cap bounds the work an attacker can make verification do. */
    private static final int MAX_TOKEN_CHARS = 8 * 1024;
    private static final int MAX_TOKEN_ID_CHARS = 128;
    /** Distinct scope lists and audience lists held once each: a deployment grants a few combinations. */
    private static final int MOST_SHARED_VALUES = 1_000;
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
    /** The user's security version; a token without it predates security versions and counts as version 0. */
    static final String SECURITY_VERSION = "sv";
    /** The account's stable id, a canonical UUID: {@code sub} stays the username, as the tutorial's clients read it. */
    static final String USER_ID = "uid";
    /** The session the token was issued in, as a UUID in its canonical (lower-case) text form. */
    static final String SESSION = "sid";
    /** RFC 9068 section 2.2: the client the token was issued to; only present when it was issued to one. */
    static final String CLIENT_ID = "client_id";
    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    /**
     * How many verified tokens are remembered at most (about half a KiB each): a flood of distinct valid tokens
     * evicts the least useful ones instead of growing memory.
     */
    public static final int DEFAULT_CACHED_TOKENS = 100_000;

    private final JwtSettings settings;
    private final Clock clock;
    private final Keys keys;
    private final ClockCache<TokenDigest, Verified> verified;
    // What remembered tokens hold alike, held once: 766 -> 537 bytes a token with scopes (bench/memory/results,
    // 20261205T2230Z-token-footprint).
    private final SharedValues<String, Set<Scope>> scopeLists = new SharedValues<>(MOST_SHARED_VALUES);
    private final SharedValues<JsonValue, List<String>> audienceLists = new SharedValues<>(MOST_SHARED_VALUES);

    /** HS256 with the secret of {@code settings}. */
    public JwtAccessTokens(JwtSettings settings, Clock clock) {
        this(settings, clock, DEFAULT_CACHED_TOKENS);
    }

    JwtAccessTokens(JwtSettings settings, Clock clock, int cachedTokens) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        byte[] secret = settings.secret();
        this.keys = new SharedSecret(JwsKey.hmac(keyIdOf(secret), secret));
        Arrays.fill(secret, (byte) 0);
        this.verified = verifiedTokens(cachedTokens);
    }

    /**
     * Asymmetric keys from {@code signingKeys} (give it a caching repository: every issue and verify asks it),
     * chosen by {@code policy}; the secret of {@code settings} is not used.
     */
    public JwtAccessTokens(JwtSettings settings, SigningKeyRepository signingKeys, KeyRotationPolicy policy, Clock clock) {
        this(settings, signingKeys, policy, clock, DEFAULT_CACHED_TOKENS);
    }

    JwtAccessTokens(JwtSettings settings, SigningKeyRepository signingKeys, KeyRotationPolicy policy, Clock clock,
            int cachedTokens) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keys = new RotatingKeys(Objects.requireNonNull(signingKeys, "signingKeys"),
                Objects.requireNonNull(policy, "policy"), clock);
        this.verified = verifiedTokens(cachedTokens);
    }

    /**
     * A {@link ClockCache}: this cache is read on every request, and its reads write no references (an access-ordered
     * cache's relinking dirtied thousands of old-generation cards per young collection at 100,000 tokens).
     */
    private static ClockCache<TokenDigest, Verified> verifiedTokens(int maximumSize) {
        return new ClockCache<>(maximumSize, System::nanoTime); // refuses a bound below one itself
    }

    @Override
    public AccessToken issue(User user, Set<Scope> scopes, SessionId session, Optional<ClientId> client,
                             Optional<Audience> resource) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(client, "client");
        // Whole seconds, as JWT NumericDate carries them, so the token and its claims agree exactly.
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plus(settings.lifetime());
        // Helidon's builder writes "aud" as a one-element array and always adds "upn" (MicroProfile JWT's user
        // principal) equal to "sub"; both are valid JWT. verify() takes "aud" in either form and ignores "upn".
        JwsKey key = keys.signing();
        Jwt.Builder jwt = Jwt.builder()
                .algorithm(key.algorithm())
                .keyId(key.keyId())
                .type(keys.type())
                .issuer(settings.issuer())
                .addAudience(settings.audience())
                .subject(user.username().value())
                .issueTime(issuedAt)
                .notBefore(issuedAt)
                .expirationTime(expiresAt)
                .jwtId(UUID.randomUUID().toString())
                .addPayloadClaim(USER_ID, user.id().value().toString())
                .addPayloadClaim(SECURITY_VERSION, user.securityVersion())
                .addPayloadClaim(SESSION, session.value().toString());
        if (!scopes.isEmpty()) {
            jwt.addPayloadClaim("scope", Scope.format(scopes));
        }
        // RFC 9068 section 2.2: every access token names its client; the resource servers a client calls are
        // audiences of its tokens too (this service's own audience stays, for the tokens it must verify itself), or,
        // when the client asked for one resource (RFC 8707), that one alone, so no other resource server accepts it.
        audiencesBeside(client, resource).forEach(jwt::addAudience);
        jwt.addPayloadClaim(CLIENT_ID, client.map(ClientId::value).orElse(JwtSettings.DEFAULT_CLIENT_ID));
        return new AccessToken(signed(jwt.build(), key), issuedAt, expiresAt, scopes);
    }

    /**
     * A token about a client, with no user: {@code sub} and {@code client_id} are the client, and it carries neither
     * {@code uid}, {@code sv} nor {@code sid}, so {@link #verify} (which requires {@code uid}) never accepts it.
     */
    @Override
    public AccessToken issueForClient(ClientId client, Set<Scope> scopes, Optional<Audience> resource) {
        Objects.requireNonNull(client, "client");
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plus(settings.lifetime());
        JwsKey key = keys.signing();
        Jwt.Builder jwt = Jwt.builder()
                .algorithm(key.algorithm())
                .keyId(key.keyId())
                .type(keys.type())
                .issuer(settings.issuer())
                .addAudience(settings.audience())
                .subject(client.value())
                .issueTime(issuedAt)
                .notBefore(issuedAt)
                .expirationTime(expiresAt)
                .jwtId(UUID.randomUUID().toString());
        if (!scopes.isEmpty()) {
            jwt.addPayloadClaim("scope", Scope.format(scopes));
        }
        audiencesBeside(Optional.of(client), resource).forEach(jwt::addAudience);
        jwt.addPayloadClaim(CLIENT_ID, client.value());
        return new AccessToken(signed(jwt.build(), key), issuedAt, expiresAt, scopes);
    }

    @Override
    public Optional<ClientTokenClaims> verifyClientToken(String token) {
        try {
            require(token != null && !token.isEmpty() && token.length() <= MAX_TOKEN_CHARS, "empty or too long");
            Map<String, JsonValue> claims = signedClaims(token).claims();
            require(!claims.containsKey(USER_ID) && !claims.containsKey(SESSION) && !claims.containsKey(SECURITY_VERSION),
                    "a user's token");
            Registered registered = checkRegisteredClaims(claims);
            ClientId client = client(claims).orElseThrow(() -> new Rejected("no client"));
            require(client.value().equals(registered.subject()), "sub is not the client");
            return Optional.of(new ClientTokenClaims(client, registered.tokenId(), registered.issuedAt(), registered.expiresAt(),
                    scopes(claims), audiences(claims.get("aud"))));
        } catch (StoreUnavailableException storeDown) {
            throw storeDown;
        } catch (RuntimeException rejected) {
            LOGGER.log(Level.FINE, "Client token rejected: {0}", rejected.getMessage());
            return Optional.empty();
        }
    }

    /** The audiences a token names besides this service's own: the resource asked for, or the client's registered ones. */
    private List<String> audiencesBeside(Optional<ClientId> client, Optional<Audience> resource) {
        if (resource.isPresent()) {
            return resource.get().value().equals(settings.audience()) ? List.of() : List.of(resource.get().value());
        }
        return client.map(id -> settings.clientAudiences().getOrDefault(id, List.of())).orElse(List.of());
    }

    private static String signed(Jwt built, JwsKey key) {
        String signingInput = ENCODER.encodeToString(bytes(built.headerJson().toString())) + "."
                + ENCODER.encodeToString(bytes(built.payloadJson().toString()));
        return signingInput + "." + ENCODER.encodeToString(key.sign(bytes(signingInput)));
    }

    @Override
    public Optional<AccessTokenClaims> verify(String token) {
        try {
            return Optional.of(rememberedOrVerified(token));
        } catch (StoreUnavailableException storeDown) {
            // Not the token's fault: the keys could not be read at all. The caller answers 503, not 401.
            throw storeDown;
        } catch (Rejected rejected) {
            LOGGER.log(Level.FINE, "Access token rejected: {0}", rejected.getMessage());
        } catch (RuntimeException malformed) {
            // Helidon's JwtException, Errors.ErrorMessagesException, ClassCastException on odd claim types, ...
            LOGGER.log(Level.FINE, "Access token rejected: malformed ({0})", malformed.getClass().getSimpleName());
        }
        return Optional.empty();
    }

    @Override
    public Instant acceptedAtMostUntil(Instant issuedBy) {
        return issuedBy.plus(settings.lifetime()).plus(settings.clockSkew());
    }

    /** How many verified tokens are remembered now, for tests. */
    long rememberedTokens() {
        return verified.size();
    }

    private AccessTokenClaims rememberedOrVerified(String token) {
        require(token != null && !token.isEmpty() && token.length() <= MAX_TOKEN_CHARS, "empty or too long");
        TokenDigest digest = TokenDigest.of(token);
        Verified remembered = verified.get(digest);
        if (remembered != null) {
            // The signature, header and claims were checked when it was remembered; since then only the key's
            // standing and the time can have changed. The key look-up is the same one a full verification makes.
            if (keys.verifying(remembered.keyId()).isEmpty()) {
                verified.remove(digest);
                throw new Rejected("the key is no longer trusted");
            }
            if (!clock.instant().isBefore(acceptedUntil(remembered.claims()))) {
                verified.remove(digest);
                throw new Rejected("expired");
            }
            return remembered.claims();
        }
        Verified fresh = claimsOf(token);
        Duration remaining = Duration.between(clock.instant(), acceptedUntil(fresh.claims()));
        // Kept until the token's expiry (plus the clock skew) as the clock reads now; every hit checks the expiry
        // against the clock again, so this only frees memory.
        verified.put(digest, fresh, remaining.toNanos());
        return fresh.claims();
    }

    private Instant acceptedUntil(AccessTokenClaims claims) {
        return claims.expiresAt().plus(settings.clockSkew());
    }

    private Verified claimsOf(String token) {
        Signed signed = signedClaims(token);
        return new Verified(signed.keyId(), checkClaims(signed.claims()));
    }

    /** A token's claims as sent, once its form, header and signature are what we issue. */
    private Signed signedClaims(String token) {
        String[] parts = token.split("\\.", -1);
        require(parts.length == 3, "not three segments");
        for (String part : parts) {
            require(BASE64URL.matcher(part).matches(), "a segment is not unpadded base64url");
        }
        JwtHeaders headers = JwtHeaders.parseToken(token);
        JwsKey key = checkHeader(headers, parts[0]);
        SignedJwt signed = SignedJwt.parseToken(headers, token);
        // Re-encoding the decoded bytes is the one canonical form; a different segment only varies unused trailing
        // bits. Both sides come from the token, so this plain comparison leaks nothing about the key.
        require(parts[2].equals(ENCODER.encodeToString(signed.getSignature())), "signature not canonically encoded");
        // The key was chosen by kid and its alg pinned above; HMACs are compared in constant time.
        require(key.verify(bytes(parts[0] + "." + parts[1]), signed.getSignature()), "bad signature");
        // getJwt() is the only public route to the payload; its payloadClaims() is the parsed object as sent,
        // unlike payloadJson(), which is re-rendered from Helidon's typed (lossy) view.
        Map<String, JsonValue> claims = signed.getJwt().payloadClaims();
        require(strictJson(parts[1], "payload").equals(claims), "payload read differently by a strict parser");
        return new Signed(key.keyId(), claims);
    }

    private record Signed(String keyId, Map<String, JsonValue> claims) {
    }

    /** The registered claims every token of ours has, checked against the settings and the clock. */
    private record Registered(String subject, String tokenId, Instant issuedAt, Instant expiresAt) {
    }

    /** The key the header names, once the header is exactly what we issue. */
    private JwsKey checkHeader(JwtHeaders headers, String segment) {
        Map<String, JsonValue> header = headers.headerClaims();
        require(ALLOWED_HEADERS.containsAll(header.keySet()), "unexpected header parameter");
        require(strictJson(segment, "header").equals(header), "header read differently by a strict parser");
        require(header.get("alg") instanceof JsonString, "alg is not a string");
        require(header.get("kid") instanceof JsonString, "kid is not a string");
        require(!header.containsKey("typ") || header.get("typ") instanceof JsonString, "typ is not a string");
        String algorithm = string(header, "alg");
        JwsKey key = keys.verifying(string(header, "kid")).orElseThrow(() -> new Rejected("unknown key id"));
        require(key.algorithm().equals(algorithm), "algorithm is not the key's " + key.algorithm());
        require(keys.acceptsType(string(header, "typ")), "unexpected type");
        return key;
    }

    private AccessTokenClaims checkClaims(Map<String, JsonValue> claims) {
        Registered registered = checkRegisteredClaims(claims);
        return new AccessTokenClaims(new Username(registered.subject()), userId(claims), registered.tokenId(),
                registered.issuedAt(), registered.expiresAt(), scopes(claims), securityVersion(claims), session(claims),
                client(claims), audiences(claims.get("aud")));
    }

    private Registered checkRegisteredClaims(Map<String, JsonValue> claims) {
        require(settings.issuer().equals(string(claims, "iss")), "wrong issuer");
        require(hasAudience(claims.get("aud")), "wrong audience");
        String subject = string(claims, "sub");
        require(subject != null, "no subject");
        String tokenId = string(claims, "jti");
        require(tokenId != null && !tokenId.isBlank() && tokenId.length() <= MAX_TOKEN_ID_CHARS, "no token id");

        Instant now = clock.instant();
        Instant latest = now.plus(settings.clockSkew());
        Instant issuedAt = numericDate(claims, "iat");
        Instant expiresAt = numericDate(claims, "exp");
        Instant notBefore = numericDate(claims, "nbf");
        require(issuedAt != null && !issuedAt.isAfter(latest), "issued in the future or no iat");
        require(expiresAt != null && expiresAt.isAfter(issuedAt), "no exp, or exp not after iat");
        // We never issue longer-lived tokens: one minted with a stolen key outlives its revocation by one lifetime at most.
        require(!expiresAt.isAfter(issuedAt.plus(settings.lifetime())), "lives longer than the configured lifetime");
        require(now.isBefore(expiresAt.plus(settings.clockSkew())), "expired");
        require(notBefore == null || !notBefore.isAfter(latest), "not yet valid");

        return new Registered(subject, tokenId, issuedAt, expiresAt);
    }

    private boolean hasAudience(JsonValue audience) {
        if (audience instanceof JsonString single) {
            return settings.audience().equals(single.getString());
        }
        if (audience instanceof JsonArray several) {
            return several.stream().allMatch(JsonString.class::isInstance)
                    && several.stream().map(JsonString.class::cast).anyMatch(it -> settings.audience().equals(it.getString()));
        }
        return false;
    }

    /** {@code aud} as a list, once {@link #hasAudience} has found it well formed. */
    private List<String> audiences(JsonValue audience) {
        return audienceLists.of(audience, JwtAccessTokens::audienceList);
    }

    private static List<String> audienceList(JsonValue audience) {
        if (audience instanceof JsonString single) {
            return List.of(single.getString());
        }
        // List.copyOf: the claims record keeps an unmodifiable list as it is, so the shared instance is what it holds.
        return List.copyOf(((JsonArray) audience).stream().map(JsonString.class::cast).map(JsonString::getString).toList());
    }

    private Set<Scope> scopes(Map<String, JsonValue> claims) {
        if (!claims.containsKey("scope")) {
            return Set.of();
        }
        String scope = string(claims, "scope");
        require(scope != null, "scope is not a string");
        return scopeLists.of(scope, list -> Set.copyOf(Scope.parseList(list)));
    }

    /** 0 when absent (a token from before security versions); a non-negative integer, or the token is refused. */
    private static long securityVersion(Map<String, JsonValue> claims) {
        JsonValue value = claims.get(SECURITY_VERSION);
        if (value == null) {
            return 0;
        }
        require(value instanceof JsonNumber number && number.isIntegral(), SECURITY_VERSION + " is not an integer");
        long version;
        try {
            version = ((JsonNumber) value).longValueExact();
        } catch (ArithmeticException outOfRange) {
            throw new Rejected(SECURITY_VERSION + " out of range");
        }
        require(version >= 0, SECURITY_VERSION + " is negative");
        return version;
    }

    /** Mandatory (a token without it cannot be tied to one account); a canonical UUID string, or the token is refused. */
    private static UserId userId(Map<String, JsonValue> claims) {
        String text = string(claims, USER_ID);
        require(text != null && CANONICAL_UUID.matcher(text).matches(), USER_ID + " is missing or not a canonical UUID");
        return new UserId(UUID.fromString(text));
    }

    /** Empty when absent (a token from before sessions); a canonical UUID string, or the token is refused. */
    private static Optional<SessionId> session(Map<String, JsonValue> claims) {
        if (!claims.containsKey(SESSION)) {
            return Optional.empty();
        }
        String text = string(claims, SESSION);
        // UUID.fromString accepts odd spellings ("1-1-1-1-1"); we only ever issue the canonical one.
        require(text != null && CANONICAL_UUID.matcher(text).matches(), SESSION + " is not a canonical UUID");
        return Optional.of(SessionId.parse(text).orElseThrow(() -> new Rejected(SESSION + " is not a UUID")));
    }

    /**
     * Empty when absent (a token from before every token named its client) or the default client (a token issued to
     * no registered client); a valid client id string, or the token is refused.
     */
    private static Optional<ClientId> client(Map<String, JsonValue> claims) {
        if (!claims.containsKey(CLIENT_ID)) {
            return Optional.empty();
        }
        String text = string(claims, CLIENT_ID);
        require(text != null, CLIENT_ID + " is not a string");
        if (text.equals(JwtSettings.DEFAULT_CLIENT_ID)) {
            return Optional.empty();
        }
        return Optional.of(ClientId.parse(text).orElseThrow(() -> new Rejected(CLIENT_ID + " is not a valid client id")));
    }

    /** A string member, or null when absent or of another JSON type. */
    private static String string(Map<String, JsonValue> object, String name) {
        return object.get(name) instanceof JsonString value ? value.getString() : null;
    }

    /** An integral NumericDate member, null when absent; any other type rejects the token. */
    private static Instant numericDate(Map<String, JsonValue> claims, String name) {
        JsonValue value = claims.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
            throw new Rejected(name + " is not an integer");
        }
        return Instant.ofEpochSecond(number.longValueExact());
    }

    /** The segment as strict JSON ({@link JsonCodec}): UTF-8, one object, no duplicate keys, nothing after it. */
    private static JsonObject strictJson(String segment, String what) {
        return JsonCodec.parseObject(DECODER.decode(segment))
                .orElseThrow(() -> new Rejected(what + " is not a strict JSON object"));
    }

    /** Names the key without revealing it: the first 8 bytes of its SHA-256. */
    private static String keyIdOf(byte[] secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret);
            return ENCODER.encodeToString(Arrays.copyOf(digest, 8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void require(boolean condition, String reason) {
        if (!condition) {
            throw new Rejected(reason);
        }
    }

    /** Where the keys come from: one shared secret, or the rotating asymmetric keys. */
    private interface Keys {

        /** The key to sign a token with now. */
        JwsKey signing();

        /** The key a token with this {@code kid} must verify with, if any is trusted now. */
        Optional<JwsKey> verifying(String keyId);

        /** The {@code typ} header of issued tokens. */
        String type();

        /** Whether a token with this {@code typ} (null when absent) is acceptable. */
        boolean acceptsType(String type);
    }

    /** HS256: one key, named by a digest of the secret; {@code typ} JWT or absent, as the tutorial's tokens. */
    private record SharedSecret(JwsKey key) implements Keys {

        @Override
        public JwsKey signing() {
            return key;
        }

        @Override
        public Optional<JwsKey> verifying(String keyId) {
            return key.keyId().equals(keyId) ? Optional.of(key) : Optional.empty();
        }

        @Override
        public String type() {
            return JWT_TYPE;
        }

        @Override
        public boolean acceptsType(String type) {
            return type == null || JWT_TYPE.equals(type);
        }
    }

    /**
     * The stored asymmetric keys, as the rotation policy publishes them now. Verification keys are built once per
     * key id (a key id names one public key for ever); an unknown id asks the repository, which bounds how often
     * that reaches the database.
     */
    private static final class RotatingKeys implements Keys {

        private final SigningKeyRepository store;
        private final KeyRotationPolicy policy;
        private final Clock clock;
        private final Map<KeyId, JwsKey> verifiers = new ConcurrentHashMap<>();
        private volatile JwsKey signer;
        private volatile PublishedKeys published;

        RotatingKeys(SigningKeyRepository store, KeyRotationPolicy policy, Clock clock) {
            this.store = store;
            this.policy = policy;
            this.clock = clock;
        }

        @Override
        public JwsKey signing() {
            SigningKey key = policy.signingKey(store.findAll(), clock.instant()).orElseThrow(() ->
                    new StoreUnavailableException("no signing key can sign here yet; the key rotation creates one", null));
            JwsKey current = signer;
            if (current == null || !current.keyId().equals(key.id().value())) {
                current = JwsKey.of(key);
                signer = current;
            }
            return current;
        }

        @Override
        public Optional<JwsKey> verifying(String keyId) {
            Optional<SigningKey> found = publishedKey(keyId);
            if (found.isEmpty()) {
                KeyId id = new KeyId(keyId);
                if (store.findById(id).isPresent()) {
                    // Created by another instance since our last look: the lookup refreshed the view.
                    found = publishedKey(keyId);
                }
                if (found.isEmpty()) {
                    verifiers.remove(id);
                    return Optional.empty();
                }
            }
            SigningKey key = found.get();
            return Optional.of(verifiers.computeIfAbsent(key.id(), ignored -> JwsKey.of(key.publicOnly())));
        }

        /**
         * The published key of that id. The policy's answer holds for the same read of the store until its next
         * publication change, so it is worked out once per read and change, not per request (5 % of a saturated
         * {@code GET /users/me}'s CPU, with the key id's validation).
         */
        private Optional<SigningKey> publishedKey(String keyId) {
            List<SigningKey> all = store.findAll();
            Instant now = clock.instant();
            PublishedKeys view = published;
            if (view == null || !view.holdsFor(all, now)) {
                view = new PublishedKeys(all, now, policy.nextPublicationChange(all, now), policy.published(all, now)
                        .stream().collect(Collectors.toUnmodifiableMap(key -> key.id().value(), key -> key)));
                published = view;
            }
            return keyId == null ? Optional.empty() : Optional.ofNullable(view.byId().get(keyId));
        }

        @Override
        public String type() {
            return ACCESS_TOKEN_TYPE;
        }

        @Override
        public boolean acceptsType(String type) {
            return type != null && ACCESS_TOKEN_TYPES.contains(type.toLowerCase(Locale.ROOT));
        }
    }

    /** The keys the policy published for one read of the store, from {@code from} until {@code until}. */
    private record PublishedKeys(List<SigningKey> readFrom, Instant from, Optional<Instant> until,
                                 Map<String, SigningKey> byId) {

        /** The same read (the caching store hands out one list per read) and a time within the answer's span. */
        boolean holdsFor(List<SigningKey> all, Instant now) {
            // Not until.map(now::isBefore): every protected request asks, and the bound reference is an allocation.
            return all == readFrom && !now.isBefore(from) && (until.isEmpty() || now.isBefore(until.get()));
        }
    }

    /** The SHA-256 of a whole token: remembers it without keeping the token itself. */
    private record TokenDigest(long a, long b, long c, long d) {

        /**
         * Copied for each token: {@code MessageDigest.getInstance} looks the provider up and builds the digest
         * reflectively, as costly as the hash itself (2.6 % of a paced {@code /users/me}'s CPU against 3.1 %).
         */
        private static final MessageDigest SHA_256 = sha256();

        static TokenDigest of(String token) {
            MessageDigest sha256;
            try {
                sha256 = (MessageDigest) SHA_256.clone();
            } catch (CloneNotSupportedException impossible) {
                throw new IllegalStateException("the JDK's SHA-256 can be cloned", impossible);
            }
            ByteBuffer digest = ByteBuffer.wrap(sha256.digest(bytes(token)));
            return new TokenDigest(digest.getLong(), digest.getLong(), digest.getLong(), digest.getLong());
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException impossible) {
                throw new IllegalStateException("every JDK has SHA-256", impossible);
            }
        }
    }

    /** A verified token's claims and the key id it was verified with. */
    private record Verified(String keyId, AccessTokenClaims claims) {
    }

    /** Why a token was refused; cheap (no stack trace), never leaves this class. */
    private static final class Rejected extends RuntimeException {

        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }
}
