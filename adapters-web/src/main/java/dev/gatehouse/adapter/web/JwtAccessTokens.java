package dev.gatehouse.adapter.web;

import dev.gatehouse.application.port.out.AccessTokenClaims;
import dev.gatehouse.application.port.out.AccessTokens;
import dev.gatehouse.domain.AccessToken;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import io.helidon.security.jwt.jwk.JwkOctet;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
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
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * HS256-signed JWT access tokens, keyed by {@link JwtSettings} and timed by the injected {@link Clock}.
 * Helidon's {@link JwkOctet} holds the key and computes the MAC. The JSON is written and checked here: Helidon's
 * {@code Jwt} builder always adds a {@code upn} claim, and its validators accept a token without {@code exp} and
 * pin neither the algorithm nor the key id. {@link #verify} refuses anything it does not fully understand.
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
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final JwtSettings settings;
    private final Clock clock;
    private final JwkOctet key;
    private final String keyId;
    private final String encodedHeader;

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
        this.encodedHeader = encodeJson(JsonCodec.BUILDERS.createObjectBuilder()
                .add("alg", ALGORITHM)
                .add("typ", TYPE)
                .add("kid", keyId)
                .build());
    }

    @Override
    public AccessToken issue(User user, Set<Scope> scopes) {
        // Whole seconds, as JWT NumericDate carries them, so the token and its claims agree exactly.
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plus(settings.lifetime());
        JsonObjectBuilder payload = JsonCodec.BUILDERS.createObjectBuilder()
                .add("iss", settings.issuer())
                .add("aud", settings.audience())
                .add("sub", user.username().value())
                .add("iat", issuedAt.getEpochSecond())
                .add("nbf", issuedAt.getEpochSecond())
                .add("exp", expiresAt.getEpochSecond())
                .add("jti", UUID.randomUUID().toString());
        if (!scopes.isEmpty()) {
            payload.add("scope", Scope.format(scopes));
        }
        String signingInput = encodedHeader + "." + encodeJson(payload.build());
        String value = signingInput + "." + signatureOf(signingInput);
        return new AccessToken(value, issuedAt, expiresAt, scopes);
    }

    @Override
    public Optional<AccessTokenClaims> verify(String token) {
        try {
            return Optional.of(claimsOf(token));
        } catch (Rejected rejected) {
            LOGGER.log(Level.FINE, "Access token rejected: {0}", rejected.getMessage());
        } catch (RuntimeException malformed) {
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
        checkHeader(decodeJson(parts[0], "header"));
        // Comparing the canonical encodings also refuses signatures that differ only in unused trailing bits.
        byte[] expected = signatureOf(parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        require(MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII)), "bad signature");
        return checkClaims(decodeJson(parts[1], "payload"));
    }

    private void checkHeader(JsonObject header) {
        require(ALLOWED_HEADERS.containsAll(header.keySet()), "unexpected header parameter");
        require(ALGORITHM.equals(string(header, "alg")), "algorithm is not " + ALGORITHM);
        require(keyId.equals(string(header, "kid")), "unknown key id");
        require(!header.containsKey("typ") || TYPE.equals(string(header, "typ")), "type is not " + TYPE);
    }

    private AccessTokenClaims checkClaims(JsonObject claims) {
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

        return new AccessTokenClaims(new Username(subject), tokenId, issuedAt, expiresAt, scopes(claims));
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

    private static Set<Scope> scopes(JsonObject claims) {
        if (!claims.containsKey("scope")) {
            return Set.of();
        }
        String scope = string(claims, "scope");
        require(scope != null, "scope is not a string");
        return Scope.parseList(scope);
    }

    /** A string member, or null when absent or of another JSON type. */
    private static String string(JsonObject object, String name) {
        return object.get(name) instanceof JsonString value ? value.getString() : null;
    }

    /** An integral NumericDate member, null when absent; any other type rejects the token. */
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

    private static JsonObject decodeJson(String segment, String what) {
        return JsonCodec.parseObject(DECODER.decode(segment))
                .orElseThrow(() -> new Rejected(what + " is not a JSON object"));
    }

    private String signatureOf(String signingInput) {
        return ENCODER.encodeToString(key.sign(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String encodeJson(JsonObject json) {
        return ENCODER.encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
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
