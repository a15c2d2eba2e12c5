package dev.gatehouse.adapter.out.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.gatehouse.application.port.out.AccessTokenClaims;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.domain.AccessToken;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.SessionId;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Tokens crafted by hand (base64url JSON and a {@link Mac}), independent of the adapter's own signing code:
 * one well-formed control that must pass, and a corpus of forgeries and defects that must all be refused.
 */
class JwtAccessTokensForgeryTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final String ISSUER = "gatehouse-test";
    private static final String AUDIENCE = "gatehouse-test";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final byte[] secret = JwtSettings.randomSecret();
    private final MutableClock clock = new MutableClock(NOW);
    private final JwtAccessTokens tokens = new JwtAccessTokens(new JwtSettings(ISSUER, AUDIENCE, secret,
            JwtSettings.DEFAULT_LIFETIME, JwtSettings.DEFAULT_CLOCK_SKEW), clock);
    private final String genuine = tokens.issue(johnDoe(), Set.of(), SessionId.newId()).value();
    private final String keyId = decode(genuine.split("\\.")[0]).getString("kid");

    @Test
    void the_hand_made_control_token_passes() {
        AccessTokenClaims claims = tokens.verify(forge(header(), claims())).orElseThrow();

        assertEquals(new Username("johndoe"), claims.subject());
        assertEquals(new dev.gatehouse.domain.UserId(ForgedClaims.JOHNDOE_ID), claims.userId());
        assertEquals("4b7c1a9e-0000-4000-8000-000000000001", claims.tokenId());
        assertEquals(NOW, claims.issuedAt());
        assertEquals(NOW.plus(Duration.ofMinutes(15)), claims.expiresAt());
        // Made without sv and sid, like a token from before sessions: version 0, no session.
        assertEquals(0, claims.securityVersion());
        assertEquals(Optional.empty(), claims.session());
    }

    @Test
    void reads_back_the_security_version_and_session_it_wrote() {
        SessionId session = SessionId.newId();
        User renewed = johnDoe().endAllSessions().endAllSessions().endAllSessions();

        AccessToken token = tokens.issue(renewed, Set.of(), session);
        JsonObject payload = decode(token.value().split("\\.")[1]);
        AccessTokenClaims claims = tokens.verify(token.value()).orElseThrow();

        assertEquals(3, payload.getJsonNumber("sv").longValueExact());
        assertTrue(payload.getJsonNumber("sv").isIntegral());
        assertEquals(session.value().toString(), payload.getString("sid"));
        assertEquals(3, claims.securityVersion());
        assertEquals(Optional.of(session), claims.session());
        assertEquals(renewed.id(), claims.userId());
        assertEquals(renewed.id().value().toString(), payload.getString("uid"));
    }

    @Test
    void accepts_a_hand_made_security_version_and_session_in_the_form_it_writes() {
        AccessTokenClaims claims = tokens.verify(forge(header(), claims(c -> {
            c.put("sv", 7);
            c.put("sid", "0b7e4a3c-1d2f-4e5a-8b6c-7d8e9f0a1b2c");
        }))).orElseThrow();

        assertEquals(7, claims.securityVersion());
        assertEquals(Optional.of(new SessionId(UUID.fromString("0b7e4a3c-1d2f-4e5a-8b6c-7d8e9f0a1b2c"))), claims.session());
        assertEquals(0, tokens.verify(forge(header(), claims(c -> c.put("sv", 0)))).orElseThrow().securityVersion());
        assertEquals(Long.MAX_VALUE,
                tokens.verify(forge(header(), claims(c -> c.put("sv", Long.MAX_VALUE)))).orElseThrow().securityVersion());
    }

    @Test
    void carries_the_client_id_of_rfc_9068_only_when_issued_to_a_client() {
        AccessToken token = tokens.issue(johnDoe(), Set.of(), SessionId.newId(),
                Optional.of(new dev.gatehouse.domain.ClientId("web-app")));

        assertEquals("web-app", decode(token.value().split("\\.")[1]).getString("client_id"));
        assertEquals(Optional.of(new dev.gatehouse.domain.ClientId("web-app")), tokens.verify(token.value()).orElseThrow().client());
        assertEquals(Optional.of(new dev.gatehouse.domain.ClientId("app")),
                tokens.verify(forge(header(), claims(c -> c.put("client_id", "app")))).orElseThrow().client());
    }

    @Test
    void issues_exactly_the_documented_header_and_claims() {
        AccessToken token = tokens.issue(johnDoe(), Set.of(new Scope("me")), SessionId.newId());
        String[] parts = token.value().split("\\.");

        assertEquals(Set.of("alg", "typ", "kid"), decode(parts[0]).keySet());
        assertEquals("HS256", decode(parts[0]).getString("alg"));
        assertEquals("JWT", decode(parts[0]).getString("typ"));
        JsonObject payload = decode(parts[1]);
        // Helidon's Jwt builder always adds "upn" (MicroProfile JWT's user principal) equal to "sub" and writes
        // "aud" as an array (see JwtAccessTokens.issue); the claim set is still exactly the one we choose.
        assertEquals(Set.of("iss", "aud", "sub", "upn", "exp", "iat", "nbf", "jti", "uid", "sv", "sid", "client_id", "scope"),
                payload.keySet());
        assertEquals(johnDoe().id().value().toString().length(), payload.getString("uid").length());
        assertEquals(ISSUER, payload.getString("iss"));
        assertEquals(Json.createArrayBuilder().add(AUDIENCE).build(), payload.getJsonArray("aud"));
        assertEquals("johndoe", payload.getString("sub"));
        assertEquals("johndoe", payload.getString("upn"));
        assertEquals("me", payload.getString("scope"));
        assertEquals(NOW.getEpochSecond(), payload.getJsonNumber("iat").longValueExact());
        assertEquals(NOW.getEpochSecond(), payload.getJsonNumber("nbf").longValueExact());
        assertEquals(NOW.plusSeconds(900).getEpochSecond(), payload.getJsonNumber("exp").longValueExact());
        assertEquals(Set.of("iss", "aud", "sub", "upn", "exp", "iat", "nbf", "jti", "uid", "sv", "sid", "client_id"),
                decode(genuine.split("\\.")[1]).keySet());
    }

    @Test
    void names_a_client_in_every_token_the_default_one_when_issued_to_none_and_reads_that_back_as_none() {
        JsonObject payload = decode(genuine.split("\\.")[1]);

        assertEquals(JwtSettings.DEFAULT_CLIENT_ID, payload.getString("client_id"), "RFC 9068 section 2.2");
        assertEquals(Optional.empty(), tokens.verify(genuine).orElseThrow().client());
    }

    @Test
    void adds_the_audiences_configured_for_the_client_and_still_verifies_its_own() {
        dev.gatehouse.domain.ClientId webApp = new dev.gatehouse.domain.ClientId("web-app");
        JwtAccessTokens perClient = new JwtAccessTokens(new JwtSettings(ISSUER, AUDIENCE, secret, JwtSettings.DEFAULT_LIFETIME,
                JwtSettings.DEFAULT_CLOCK_SKEW, java.util.Map.of(webApp, java.util.List.of("https://api.example.com", "orders"))), clock);

        AccessToken forWebApp = perClient.issue(johnDoe(), Set.of(), SessionId.newId(), Optional.of(webApp));
        AccessToken forOther = perClient.issue(johnDoe(), Set.of(), SessionId.newId(),
                Optional.of(new dev.gatehouse.domain.ClientId("reporting")));

        assertEquals(Json.createArrayBuilder().add(AUDIENCE).add("https://api.example.com").add("orders").build(),
                decode(forWebApp.value().split("\\.")[1]).getJsonArray("aud"));
        assertEquals(Json.createArrayBuilder().add(AUDIENCE).build(), decode(forOther.value().split("\\.")[1]).getJsonArray("aud"));
        assertEquals(Optional.of(webApp), perClient.verify(forWebApp.value()).orElseThrow().client());
    }

    @Test
    void truncates_the_issue_time_to_whole_seconds() {
        clock.advance(Duration.ofMillis(1_700));

        AccessToken token = tokens.issue(johnDoe(), Set.of(), SessionId.newId());

        assertEquals(NOW.plusSeconds(1), token.issuedAt());
        assertEquals(JwtSettings.DEFAULT_LIFETIME, token.lifetime());
        assertEquals(token.expiresAt(), tokens.verify(token.value()).orElseThrow().expiresAt());
    }

    @TestFactory
    Stream<DynamicTest> refuses_every_forgery() {
        Map<String, String> corpus = forgeries();
        assertTrue(corpus.size() >= 20, "corpus too small: " + corpus.size());
        return corpus.entrySet().stream().map(forgery -> dynamicTest(forgery.getKey(),
                () -> assertTrue(tokens.verify(forgery.getValue()).isEmpty(), "accepted: " + forgery.getKey())));
    }

    @Test
    void accepts_a_token_expired_by_less_than_the_clock_skew() {
        clock.advance(JwtSettings.DEFAULT_LIFETIME.plusSeconds(29));
        assertTrue(tokens.verify(genuine).isPresent());

        clock.advance(Duration.ofSeconds(1));
        assertTrue(tokens.verify(genuine).isEmpty());
    }

    @Test
    void tolerates_issue_and_not_before_times_within_the_clock_skew() {
        Instant soon = NOW.plusSeconds(20);

        assertTrue(tokens.verify(forge(header(), claims(c -> {
            c.put("iat", soon.getEpochSecond());
            c.put("nbf", soon.getEpochSecond());
            c.put("exp", soon.plusSeconds(900).getEpochSecond());
        }))).isPresent());
    }

    @Test
    void accepts_the_audience_as_a_list_and_nbf_left_out() {
        assertTrue(tokens.verify(forge(header(), claims(c -> {
            c.put("aud", List.of("someone-else", AUDIENCE));
            c.remove("nbf");
        }))).isPresent());
    }

    @Test
    void refuses_a_token_signed_with_the_real_secret_that_lives_longer_than_the_configured_lifetime() {
        // Whoever holds a signing key for a moment (a leaked secret, a compromised instance) must not be able to
        // mint tokens that outlive the key's revocation or rotation by more than one lifetime.
        assertTrue(tokens.verify(forge(header(), claims(c -> c.put("exp", NOW.plusSeconds(901).getEpochSecond())))).isEmpty(),
                "one second longer than the lifetime");
        assertTrue(tokens.verify(forge(header(), claims(c -> c.put("exp", NOW.plus(Duration.ofDays(365)).getEpochSecond())))).isEmpty(),
                "a year");
        assertTrue(tokens.verify(forge(header(), claims(c -> {
            c.put("iat", NOW.minus(Duration.ofDays(1)).getEpochSecond());
            c.put("exp", NOW.plusSeconds(60).getEpochSecond());
        }))).isEmpty(), "backdated iat to a long life that is still current");
        assertTrue(tokens.verify(forge(header(), claims(c -> c.put("exp", NOW.plusSeconds(900).getEpochSecond())))).isPresent(),
                "exactly the lifetime");
    }

    @Test
    void refuses_a_token_of_another_instance() {
        JwtAccessTokens stranger = new JwtAccessTokens(new JwtSettings(ISSUER, AUDIENCE, JwtSettings.randomSecret(),
                JwtSettings.DEFAULT_LIFETIME, JwtSettings.DEFAULT_CLOCK_SKEW), clock);

        assertTrue(tokens.verify(stranger.issue(johnDoe(), Set.of(), SessionId.newId()).value()).isEmpty());
        assertTrue(stranger.verify(genuine).isEmpty());
    }

    @Test
    void never_throws_on_null() {
        assertTrue(tokens.verify(null).isEmpty());
    }

    private Map<String, String> forgeries() {
        Map<String, String> corpus = new LinkedHashMap<>();
        String[] parts = genuine.split("\\.");
        String payload = parts[1];

        corpus.put("alg none, empty signature", unsigned(header(h -> h.put("alg", "none"))));
        corpus.put("alg None, empty signature", unsigned(header(h -> h.put("alg", "None"))));
        corpus.put("alg NONE, empty signature", unsigned(header(h -> h.put("alg", "NONE"))));
        corpus.put("alg none, genuine signature kept", encode(header(h -> h.put("alg", "none"))) + "." + payload + "." + parts[2]);
        corpus.put("alg hs256 in lower case", forge(header(h -> h.put("alg", "hs256")), claims()));
        corpus.put("HS512 signed with the right secret", forge(header(h -> h.put("alg", "HS512")), claims(), "HmacSHA512", secret));
        corpus.put("HS384 signed with the right secret", forge(header(h -> h.put("alg", "HS384")), claims(), "HmacSHA384", secret));
        corpus.put("RS256 claimed, HMAC signed", forge(header(h -> h.put("alg", "RS256")), claims()));
        corpus.put("ES256 claimed, HMAC signed", forge(header(h -> h.put("alg", "ES256")), claims()));
        corpus.put("header without alg", forge(header(h -> h.remove("alg")), claims()));
        corpus.put("alg as a number", forge(header(h -> h.put("alg", 256)), claims()));
        corpus.put("wrong secret", forge(header(), claims(), "HmacSHA256", JwtSettings.randomSecret()));
        corpus.put("right secret, wrong kid", forge(header(h -> h.put("kid", "not-our-key")), claims()));
        corpus.put("missing kid", forge(header(h -> h.remove("kid")), claims()));
        corpus.put("jku header", forge(header(h -> h.put("jku", "https://evil.example/jwks.json")), claims()));
        corpus.put("x5u header", forge(header(h -> h.put("x5u", "https://evil.example/cert.pem")), claims()));
        corpus.put("jwk header", forge(header(h -> h.put("jwk", Map.of("kty", "oct", "k", "AAAA"))), claims()));
        corpus.put("crit header", forge(header(h -> h.put("crit", List.of("exp"))), claims()));
        corpus.put("typ other than JWT", forge(header(h -> h.put("typ", "at+jwt+evil")), claims()));
        corpus.put("missing exp", forge(header(), claims(c -> c.remove("exp"))));
        corpus.put("missing iat", forge(header(), claims(c -> c.remove("iat"))));
        corpus.put("missing sub", forge(header(), claims(c -> c.remove("sub"))));
        corpus.put("missing jti", forge(header(), claims(c -> c.remove("jti"))));
        corpus.put("blank jti", forge(header(), claims(c -> c.put("jti", " "))));
        corpus.put("missing iss", forge(header(), claims(c -> c.remove("iss"))));
        corpus.put("wrong iss", forge(header(), claims(c -> c.put("iss", "someone-else"))));
        corpus.put("missing aud", forge(header(), claims(c -> c.remove("aud"))));
        corpus.put("wrong aud", forge(header(), claims(c -> c.put("aud", "someone-else"))));
        corpus.put("aud list without ours", forge(header(), claims(c -> c.put("aud", List.of("a", "b")))));
        corpus.put("nbf in the future", forge(header(), claims(c -> c.put("nbf", NOW.plusSeconds(300).getEpochSecond()))));
        corpus.put("iat far in the future", forge(header(), claims(c -> {
            c.put("iat", NOW.plusSeconds(3_600).getEpochSecond());
            c.put("nbf", NOW.getEpochSecond());
            c.put("exp", NOW.plusSeconds(4_500).getEpochSecond());
        })));
        corpus.put("expired beyond the skew", forge(header(), claims(c -> {
            c.put("iat", NOW.minusSeconds(931).getEpochSecond());
            c.put("nbf", NOW.minusSeconds(931).getEpochSecond());
            c.put("exp", NOW.minusSeconds(31).getEpochSecond());
        })));
        corpus.put("exp not after iat", forge(header(), claims(c -> c.put("exp", NOW.getEpochSecond()))));
        corpus.put("exp as a string", forge(header(), claims(c -> c.put("exp", String.valueOf(NOW.plusSeconds(900).getEpochSecond())))));
        corpus.put("exp as a fraction", forge(header(), claims(c -> c.put("exp", NOW.plusSeconds(900).getEpochSecond() + 0.5))));
        corpus.put("exp out of range", forge(header(), claims(c -> c.put("exp", new BigInteger("99999999999999999999999")))));
        corpus.put("sub not a valid username", forge(header(), claims(c -> c.put("sub", "john doe; drop table"))));
        corpus.put("sub as a number", forge(header(), claims(c -> c.put("sub", 42))));
        corpus.put("scope not a valid scope list", forge(header(), claims(c -> c.put("scope", "me \"admin\""))));
        corpus.put("sv negative", forge(header(), claims(c -> c.put("sv", -1))));
        corpus.put("sv as a string", forge(header(), claims(c -> c.put("sv", "1"))));
        corpus.put("sv as a fraction", forge(header(), claims(c -> c.put("sv", 1.5))));
        corpus.put("sv out of range", forge(header(), claims(c -> c.put("sv", new BigInteger("9223372036854775808")))));
        corpus.put("sv null", forge(header(), claims(c -> c.put("sv", null))));
        corpus.put("sv as a boolean", forge(header(), claims(c -> c.put("sv", true))));
        corpus.put("uid missing", forge(header(), claims(c -> c.remove("uid"))));
        corpus.put("uid not a UUID", forge(header(), claims(c -> c.put("uid", "johndoe"))));
        corpus.put("uid a UUID in upper case", forge(header(), claims(c -> c.put("uid", "0D1E2F30-0000-4000-8000-00000000D0E0"))));
        corpus.put("uid as a number", forge(header(), claims(c -> c.put("uid", 42))));
        corpus.put("uid null", forge(header(), claims(c -> c.put("uid", null))));
        corpus.put("sid not a UUID", forge(header(), claims(c -> c.put("sid", "session-1"))));
        corpus.put("sid a UUID in upper case", forge(header(), claims(c -> c.put("sid", "0B7E4A3C-1D2F-4E5A-8B6C-7D8E9F0A1B2C"))));
        corpus.put("sid a UUID in a lenient spelling", forge(header(), claims(c -> c.put("sid", "1-1-1-1-1"))));
        corpus.put("sid empty", forge(header(), claims(c -> c.put("sid", ""))));
        corpus.put("sid as a number", forge(header(), claims(c -> c.put("sid", 42))));
        corpus.put("sid null", forge(header(), claims(c -> c.put("sid", null))));
        corpus.put("sid with trailing text", forge(header(), claims(c -> c.put("sid", "0b7e4a3c-1d2f-4e5a-8b6c-7d8e9f0a1b2c "))));
        corpus.put("client_id as a number", forge(header(), claims(c -> c.put("client_id", 42))));
        corpus.put("client_id as an array", forge(header(), claims(c -> c.put("client_id", java.util.List.of("web-app")))));
        corpus.put("client_id null", forge(header(), claims(c -> c.put("client_id", null))));
        corpus.put("client_id empty", forge(header(), claims(c -> c.put("client_id", ""))));
        corpus.put("client_id with a space", forge(header(), claims(c -> c.put("client_id", "web app"))));
        corpus.put("client_id too long", forge(header(), claims(c -> c.put("client_id", "c".repeat(65)))));
        corpus.put("payload not JSON", signed(encode(header()) + "." + BASE64URL.encodeToString(bytes("not json"))));
        corpus.put("payload a JSON array", signed(encode(header()) + "." + BASE64URL.encodeToString(bytes("[1,2]"))));
        corpus.put("payload with trailing garbage", signed(encode(header()) + "." + BASE64URL.encodeToString(
                bytes(Json.createObjectBuilder(claims()).build() + "x"))));
        corpus.put("header not JSON", signed(BASE64URL.encodeToString(bytes("{alg:HS256")) + "." + encode(claims())));
        corpus.put("extra segment", genuine + ".c2lnbmF0dXJl");
        corpus.put("two segments", parts[0] + "." + parts[1]);
        corpus.put("empty signature", parts[0] + "." + parts[1] + ".");
        corpus.put("signature of another token", parts[0] + "." + encode(claims(c -> c.put("sub", "alice"))) + "." + parts[2]);
        corpus.put("padded base64", parts[0] + "=." + parts[1] + "." + parts[2]);
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[0] ^= 1;
        corpus.put("signature with one bit flipped", parts[0] + "." + parts[1] + "." + BASE64URL.encodeToString(signature));
        corpus.put("signature differing only in unused trailing bits", parts[0] + "." + parts[1] + "." + withTrailingBitSet(parts[2]));
        corpus.put("duplicate alg in header, none first", signed(BASE64URL.encodeToString(bytes(
                "{\"alg\":\"none\",\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + keyId + "\"}")) + "." + encode(claims())));
        String claimsJson = Json.createObjectBuilder(claims()).build().toString();
        corpus.put("duplicate sub in payload", signed(encode(header()) + "." + BASE64URL.encodeToString(
                bytes(claimsJson.substring(0, claimsJson.length() - 1) + ",\"sub\":\"alice\"}"))));
        byte[] notUtf8 = bytes(claimsJson.replace("4b7c1a9e-", "4b7c1a9\u00e9-"));
        notUtf8[indexOf(notUtf8, (byte) 0xC3) + 1] = (byte) 0x28;
        corpus.put("payload not UTF-8", signed(encode(header()) + "." + BASE64URL.encodeToString(notUtf8)));
        corpus.put("trailing whitespace", genuine + " ");
        corpus.put("base64 garbage", "!!!!.@@@@.####");
        corpus.put("dots only", "..");
        corpus.put("oversized but correctly signed", forge(header(), claims(c -> c.put("pad", "x".repeat(9_000)))));
        return corpus;
    }

    /** The same signature bytes, spelled with one of the last character's unused low bits set. */
    private static String withTrailingBitSet(String signature) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.indexOf(signature.charAt(signature.length() - 1));
        String variant = signature.substring(0, signature.length() - 1) + alphabet.charAt(last | 1);
        assertNotEquals(signature, variant);
        assertArrayEquals(Base64.getUrlDecoder().decode(signature), Base64.getUrlDecoder().decode(variant));
        return variant;
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        throw new IllegalArgumentException("byte not found");
    }

    private Map<String, Object> header() {
        return header(h -> { });
    }

    private Map<String, Object> header(Consumer<Map<String, Object>> change) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "HS256");
        header.put("typ", "JWT");
        header.put("kid", keyId);
        change.accept(header);
        return header;
    }

    private static Map<String, Object> claims() {
        return claims(c -> { });
    }

    private static Map<String, Object> claims(Consumer<Map<String, Object>> change) {
        return ForgedClaims.valid(ISSUER, AUDIENCE, NOW, change);
    }

    private String forge(Map<String, Object> header, Map<String, Object> claims) {
        return forge(header, claims, "HmacSHA256", secret);
    }

    private static String forge(Map<String, Object> header, Map<String, Object> claims, String macAlgorithm, byte[] key) {
        String signingInput = encode(header) + "." + encode(claims);
        return signingInput + "." + BASE64URL.encodeToString(mac(macAlgorithm, key, signingInput));
    }

    private String signed(String signingInput) {
        return signingInput + "." + BASE64URL.encodeToString(mac("HmacSHA256", secret, signingInput));
    }

    private static String unsigned(Map<String, Object> header) {
        return encode(header) + "." + encode(claims()) + ".";
    }

    private static String encode(Map<String, Object> json) {
        return BASE64URL.encodeToString(bytes(Json.createObjectBuilder(json).build().toString()));
    }

    private static JsonObject decode(String segment) {
        return Json.createReader(new StringReader(new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8)))
                .readObject();
    }

    private static byte[] mac(String algorithm, byte[] key, String signingInput) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(bytes(signingInput));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static User johnDoe() {
        return User.register(new Username("johndoe"), new PasswordHash("$test$hash"), null, null, Instant.EPOCH);
    }
}
