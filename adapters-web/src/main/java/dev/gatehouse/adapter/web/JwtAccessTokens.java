package dev.gatehouse.adapter.web;

import dev.gatehouse.application.port.out.AccessTokenClaims;
import dev.gatehouse.application.port.out.AccessTokens;
import dev.gatehouse.domain.AccessToken;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.SessionId;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import io.helidon.common.Errors;
import io.helidon.security.jwt.Jwt;
import io.helidon.security.jwt.JwtHeaders;
import io.helidon.security.jwt.SignedJwt;
import io.helidon.security.jwt.jwk.JwkKeys;
import io.helidon.security.jwt.jwk.JwkOctet;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * HS256-signed JWT access tokens, keyed by {@link JwtSettings} and timed by the injected {@link Clock}.
 *
 * <p>Helidon's JWT library writes and signs tokens ({@link Jwt#builder()}, {@link SignedJwt#sign(Jwt,
 * io.helidon.security.jwt.jwk.Jwk)}), decodes them ({@link JwtHeaders#parseToken}, {@link
 * SignedJwt#parseToken(JwtHeaders, String)}) and compares the MAC in constant time against our one key
 * ({@link SignedJwt#verifySignature(JwkKeys, io.helidon.security.jwt.jwk.Jwk)}).
 *
 * <p>{@link #verify} checks the rest itself, because Helidon 4.3 accepts what we refuse: a length cap and unpadded
 * base64url; header and payload must read the same under our strict parser ({@link JsonCodec}), as Helidon lets a
 * later duplicate key win and ignores trailing text; only {@code alg}, {@code typ}, {@code kid} in the header, with
 * {@code alg} exactly HS256 and {@code kid} ours, pinned before Helidon picks a key (it would take a header without
 * {@code alg} or with {@code jku}); the signature in its canonical encoding, as base64 decoding ignores unused
 * trailing bits; and every claim, read from the payload as sent, against the clock with {@code exp} mandatory,
 * as Helidon's validators accept a token without {@code exp} and its typed view truncates a fractional one.
 *
 * <p>Besides the registered claims a token carries the user's security version ({@code sv}) and its session
 * ({@code sid}). A token issued before they existed lacks both and reads as version 0 without a session; a
 * token that has one of them in any other form than we write it (a non-negative integer, a canonical UUID) is
 * refused.
 */
public final class JwtAccessTokens implements AccessTokens {

    private static final Logger LOGGER = Logger.getLogger(JwtAccessTokens.class.getName());
    private static final String ALGORITHM = JwkOctet.ALG_HS256;
    private static final String TYPE = "JWT";
    private static final Set<String> ALLOWED_HEADERS = Set.of("alg", "typ", "kid");
    /** Our tokens are well under 1 KiB; the cap bounds the work an attacker can make verification do. */
    private static final int MAX_TOKEN_CHARS = 8 * 1024;
    private static final int MAX_TOKEN_ID_CHARS = 128;
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
    /** The user's security version; a token without it predates security versions and counts as version 0. */
    static final String SECURITY_VERSION = "sv";
    /** The session the token was issued in, as a UUID in its canonical (lower-case) text form. */
    static final String SESSION = "sid";
    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final JwtSettings settings;
    private final Clock clock;
    private final JwkOctet key;
    private final JwkKeys keys;
    private final String keyId;

    public JwtAccessTokens(JwtSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        byte[] secret = settings.secret();
        this.keyId = keyIdOf(secret);
        this.key = JwkOctet.create(JsonCodec.BUILDERS.createObjectBuilder()
                .add("kty", "oct")
                .add("alg", ALGORITHM)
                .add("use", "sig")
                .add("kid", keyId)
                .add("k", ENCODER.encodeToString(secret))
                .build());
        Arrays.fill(secret, (byte) 0);
        this.keys = JwkKeys.builder().addKey(key).build();
    }

    @Override
    public AccessToken issue(User user, Set<Scope> scopes, SessionId session) {
        Objects.requireNonNull(session, "session");
        // Whole seconds, as JWT NumericDate carries them, so the token and its claims agree exactly.
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plus(settings.lifetime());
        // Helidon's builder writes "aud" as a one-element array and always adds "upn" (MicroProfile JWT's user
        // principal) equal to "sub"; both are valid JWT. verify() takes "aud" in either form and ignores "upn".
        Jwt.Builder jwt = Jwt.builder()
                .algorithm(ALGORITHM)
                .keyId(keyId)
                .type(TYPE)
                .issuer(settings.issuer())
                .addAudience(settings.audience())
                .subject(user.username().value())
                .issueTime(issuedAt)
                .notBefore(issuedAt)
                .expirationTime(expiresAt)
                .jwtId(UUID.randomUUID().toString())
                .addPayloadClaim(SECURITY_VERSION, user.securityVersion())
                .addPayloadClaim(SESSION, session.value().toString());
        if (!scopes.isEmpty()) {
            jwt.addPayloadClaim("scope", Scope.format(scopes));
        }
        String value = SignedJwt.sign(jwt.build(), key).tokenContent();
        return new AccessToken(value, issuedAt, expiresAt, scopes);
    }

    @Override
    public Optional<AccessTokenClaims> verify(String token) {
        try {
            return Optional.of(claimsOf(token));
        } catch (Rejected rejected) {
            LOGGER.log(Level.FINE, "Access token rejected: {0}", rejected.getMessage());
        } catch (RuntimeException malformed) {
            // Helidon's JwtException, Errors.ErrorMessagesException, ClassCastException on odd claim types, ...
            LOGGER.log(Level.FINE, "Access token rejected: malformed ({0})", malformed.getClass().getSimpleName());
        }
        return Optional.empty();
    }

    private AccessTokenClaims claimsOf(String token) {
        require(token != null && !token.isEmpty() && token.length() <= MAX_TOKEN_CHARS, "empty or too long");
        String[] parts = token.split("\\.", -1);
        require(parts.length == 3, "not three segments");
        for (String part : parts) {
            require(BASE64URL.matcher(part).matches(), "a segment is not unpadded base64url");
        }
        JwtHeaders headers = JwtHeaders.parseToken(token);
        checkHeader(headers, parts[0]);
        SignedJwt signed = SignedJwt.parseToken(headers, token);
        // Re-encoding the decoded bytes is the one canonical form; a different segment only varies unused trailing
        // bits. Both sides come from the token, so this plain comparison leaks nothing about the key.
        require(parts[2].equals(ENCODER.encodeToString(signed.getSignature())), "signature not canonically encoded");
        // No default key: with alg and kid pinned above, Helidon looks up our one key by kid and compares MACs.
        Errors errors = signed.verifySignature(keys, null);
        require(errors.isValid(), "bad signature");
        // getJwt() is the only public route to the payload; its payloadClaims() is the parsed object as sent,
        // unlike payloadJson(), which is re-rendered from Helidon's typed (lossy) view.
        Map<String, JsonValue> claims = signed.getJwt().payloadClaims();
        require(strictJson(parts[1], "payload").equals(claims), "payload read differently by a strict parser");
        return checkClaims(claims);
    }

    private void checkHeader(JwtHeaders headers, String segment) {
        Map<String, JsonValue> header = headers.headerClaims();
        require(ALLOWED_HEADERS.containsAll(header.keySet()), "unexpected header parameter");
        require(strictJson(segment, "header").equals(header), "header read differently by a strict parser");
        require(headers.algorithm().filter(ALGORITHM::equals).isPresent(), "algorithm is not " + ALGORITHM);
        require(headers.keyId().filter(keyId::equals).isPresent(), "unknown key id");
        require(headers.type().map(TYPE::equals).orElse(true), "type is not " + TYPE);
    }

    private AccessTokenClaims checkClaims(Map<String, JsonValue> claims) {
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
        require(now.isBefore(expiresAt.plus(settings.clockSkew())), "expired");
        require(notBefore == null || !notBefore.isAfter(latest), "not yet valid");

        return new AccessTokenClaims(new Username(subject), tokenId, issuedAt, expiresAt, scopes(claims),
                securityVersion(claims), session(claims));
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

    private static Set<Scope> scopes(Map<String, JsonValue> claims) {
        if (!claims.containsKey("scope")) {
            return Set.of();
        }
        String scope = string(claims, "scope");
        require(scope != null, "scope is not a string");
        return Scope.parseList(scope);
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

    private static void require(boolean condition, String reason) {
        if (!condition) {
            throw new Rejected(reason);
        }
    }

    /** Why a token was refused; cheap (no stack trace), never leaves this class. */
    private static final class Rejected extends RuntimeException {

        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }
}
