package dev.gatehouse.adapter.out.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.gatehouse.application.port.out.StoreUnavailableException;
import dev.gatehouse.application.service.RotateSigningKeysService;
import dev.gatehouse.application.testing.InMemorySigningKeyRepository;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.RecordingAuditLog;
import dev.gatehouse.domain.KeyRotationPolicy;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.SessionId;
import dev.gatehouse.domain.SigningAlgorithm;
import dev.gatehouse.domain.SigningKey;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Asymmetric tokens crafted by hand (JSON, base64url and the JDK's {@link Signature}), independent of the adapter's
 * signing code: a control that must pass, the attacks that asymmetric keys invite, and the rotation seen by the
 * verifier (a new key from another instance is picked up, a retired key past its retention is refused).
 */
class JwtAccessTokensKeyRotationTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final String ISSUER = "gatehouse-test";
    private static final Duration RETENTION = JwtSettings.DEFAULT_LIFETIME.plus(JwtSettings.DEFAULT_CLOCK_SKEW);
    private static final KeyRotationPolicy POLICY = new KeyRotationPolicy(Duration.ofDays(30), Duration.ofHours(1), RETENTION);
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemorySigningKeyRepository keys = new InMemorySigningKeyRepository();
    private final RotateSigningKeysService rotation = new RotateSigningKeysService(keys, POLICY, SigningAlgorithm.ES256, new RecordingAuditLog(), clock);
    private final JwtAccessTokens tokens;
    private final SigningKey key;

    JwtAccessTokensKeyRotationTest() {
        rotation.rotate();
        key = keys.findAll().get(0);
        tokens = new JwtAccessTokens(new JwtSettings(ISSUER, ISSUER, JwtSettings.randomSecret(), JwtSettings.DEFAULT_LIFETIME,
                JwtSettings.DEFAULT_CLOCK_SKEW), keys, POLICY, clock);
    }

    @Test
    void the_hand_made_control_token_passes() {
        assertEquals(new Username("johndoe"), tokens.verify(forge(header(), claims(), key)).orElseThrow().subject());
        assertTrue(tokens.verify(forge(header(h -> h.put("typ", "application/at+jwt")), claims(), key)).isPresent());
    }

    @Test
    void issues_rfc_9068_access_tokens_with_the_signing_key_id() {
        String[] parts = tokens.issue(johnDoe(), Set.of(), SessionId.newId()).value().split("\\.");
        JsonObject header = decode(parts[0]);

        assertEquals(Set.of("alg", "typ", "kid"), header.keySet());
        assertEquals("ES256", header.getString("alg"));
        assertEquals("at+jwt", header.getString("typ"));
        assertEquals(key.id().value(), header.getString("kid"));
        assertEquals(64, Base64.getUrlDecoder().decode(parts[2]).length, "JOSE R||S, not DER");
    }

    @TestFactory
    Stream<DynamicTest> refuses_every_forgery() throws Exception {
        SigningKey unpublished = SigningKey.generate(SigningAlgorithm.ES256, 99, NOW, NOW);
        Map<String, String> corpus = new LinkedHashMap<>();
        corpus.put("signed by a key that was never published", forge(header(h -> h.put("kid", unpublished.id().value())),
                claims(), unpublished));
        corpus.put("signed by an unpublished key under our kid", forge(header(), claims(), unpublished));
        String publicKeyBytes = hs256(header(h -> h.put("alg", "HS256")), claims(), key.publicKey().getEncoded());
        corpus.put("HS256 keyed with the public key's X.509 bytes", publicKeyBytes);
        corpus.put("HS256 keyed with the public JWK JSON", hs256(header(h -> h.put("alg", "HS256")), claims(),
                publicJwk(key).getBytes(StandardCharsets.UTF_8)));
        corpus.put("alg none", encode(header(h -> h.put("alg", "none"))) + "." + encode(claims()) + ".");
        corpus.put("RS256 claimed for an ES256 key", forge(header(h -> h.put("alg", "RS256")), claims(), key));
        corpus.put("EdDSA claimed for an ES256 key", forge(header(h -> h.put("alg", "EdDSA")), claims(), key));
        corpus.put("ES384 claimed", forge(header(h -> h.put("alg", "ES384")), claims(), key));
        corpus.put("all-zero ECDSA signature (CVE-2022-21449)", encode(header()) + "." + encode(claims()) + "."
                + BASE64URL.encodeToString(new byte[64]));
        corpus.put("DER-encoded ECDSA signature", derSigned(header(), claims(), key));
        corpus.put("unknown kid", forge(header(h -> h.put("kid", "not-our-key")), claims(), key));
        corpus.put("kid not a key id", forge(header(h -> h.put("kid", "../../etc/passwd")), claims(), key));
        corpus.put("missing kid", forge(header(h -> h.remove("kid")), claims(), key));
        corpus.put("typ JWT, not an access token", forge(header(h -> h.put("typ", "JWT")), claims(), key));
        corpus.put("missing typ", forge(header(h -> h.remove("typ")), claims(), key));
        corpus.put("jku header", forge(header(h -> h.put("jku", "https://evil.example/jwks.json")), claims(), key));
        corpus.put("x5u header", forge(header(h -> h.put("x5u", "https://evil.example/cert.pem")), claims(), key));
        corpus.put("jwk header with the attacker's key", forge(header(h -> h.put("jwk", Map.of("kty", "EC"))), claims(), unpublished));
        corpus.put("crit header", forge(header(h -> h.put("crit", List.of("exp"))), claims(), key));
        corpus.put("wrong issuer", forge(header(), claims(c -> c.put("iss", "someone-else")), key));
        corpus.put("missing exp", forge(header(), claims(c -> c.remove("exp")), key));
        corpus.put("expired", forge(header(), claims(c -> c.put("exp", NOW.minusSeconds(60).getEpochSecond())), key));
        return corpus.entrySet().stream().map(forgery -> dynamicTest(forgery.getKey(),
                () -> assertTrue(tokens.verify(forgery.getValue()).isEmpty(), "accepted: " + forgery.getKey())));
    }

    @Test
    void refuses_a_token_signed_by_the_real_key_that_lives_longer_than_the_configured_lifetime() {
        assertTrue(tokens.verify(forge(header(), claims(c -> c.put("exp", NOW.plusSeconds(901).getEpochSecond())), key)).isEmpty());
        assertTrue(tokens.verify(forge(header(), claims(c -> c.put("exp", NOW.plus(Duration.ofDays(3650)).getEpochSecond())), key))
                .isEmpty());
        assertTrue(tokens.verify(forge(header(), claims(c -> c.put("exp", NOW.plusSeconds(900).getEpochSecond())), key)).isPresent());
    }

    @Test
    void picks_up_a_key_another_instance_created_and_switches_to_it_on_time() {
        clock.advance(Duration.ofDays(30).minusHours(1));
        // "Another instance" rotates on the same store; this adapter signs with the old key until the new one activates.
        SigningKey next = keys.findById(rotation.rotate().created().orElseThrow()).orElseThrow();
        Instant now = clock.instant();
        assertTrue(tokens.verify(forge(header(h -> h.put("kid", next.id().value())), claims(c -> {
            c.put("iat", now.getEpochSecond());
            c.put("nbf", now.getEpochSecond());
            c.put("exp", now.plusSeconds(900).getEpochSecond());
        }), next)).isPresent(), "a published key verifies before it signs");
        assertEquals(key.id().value(), kidOf(tokens.issue(johnDoe(), Set.of(), SessionId.newId()).value()));

        clock.advance(Duration.ofHours(1));
        String afterSwitch = tokens.issue(johnDoe(), Set.of(), SessionId.newId()).value();
        assertEquals(next.id().value(), kidOf(afterSwitch));
        assertTrue(tokens.verify(afterSwitch).isPresent());
    }

    @Test
    void refuses_a_retired_key_past_its_retention_even_before_it_is_deleted() {
        String old = tokens.issue(johnDoe(), Set.of(), SessionId.newId()).value();
        clock.advance(Duration.ofDays(30).minusHours(1));
        rotation.rotate();
        clock.advance(Duration.ofHours(1));
        rotation.rotate();
        String lastOfTheOldKey = forge(header(), claims(c -> {
            // Dated within the clock skew ahead, so it has not expired when the key's retention ends.
            c.put("iat", clock.instant().plusSeconds(29).getEpochSecond());
            c.put("nbf", clock.instant().plusSeconds(29).getEpochSecond());
            c.put("exp", clock.instant().plusSeconds(29).plus(JwtSettings.DEFAULT_LIFETIME).getEpochSecond());
        }), key);

        clock.advance(RETENTION.minusSeconds(1));
        assertTrue(tokens.verify(lastOfTheOldKey).isPresent(), "still within retention");
        clock.advance(Duration.ofSeconds(1));
        assertTrue(keys.findById(key.id()).isPresent(), "not yet deleted");
        assertTrue(tokens.verify(lastOfTheOldKey).isEmpty(), "past retention the key is not trusted");
        assertTrue(tokens.verify(old).isEmpty());
    }

    @Test
    void answers_store_unavailable_rather_than_sign_without_a_key() {
        JwtAccessTokens keyless = new JwtAccessTokens(new JwtSettings(ISSUER, ISSUER, JwtSettings.randomSecret(),
                JwtSettings.DEFAULT_LIFETIME, JwtSettings.DEFAULT_CLOCK_SKEW), new InMemorySigningKeyRepository(), POLICY, clock);

        assertThrows(StoreUnavailableException.class, () -> keyless.issue(johnDoe(), Set.of(), SessionId.newId()));
        assertTrue(keyless.verify(forge(header(), claims(), key)).isEmpty());
    }

    private String kidOf(String token) {
        return decode(token.split("\\.")[0]).getString("kid");
    }

    private Map<String, Object> header() {
        return header(h -> { });
    }

    private Map<String, Object> header(Consumer<Map<String, Object>> change) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "ES256");
        header.put("typ", "at+jwt");
        header.put("kid", key.id().value());
        change.accept(header);
        return header;
    }

    private static Map<String, Object> claims() {
        return claims(c -> { });
    }

    private static Map<String, Object> claims(Consumer<Map<String, Object>> change) {
        return ForgedClaims.valid(ISSUER, ISSUER, NOW, change);
    }

    /** The ES256 key as the key set publishes it (the web adapter renders it the same way). */
    private static String publicJwk(SigningKey key) {
        java.security.interfaces.ECPublicKey ec = (java.security.interfaces.ECPublicKey) key.publicKey();
        return "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + coordinate(ec.getW().getAffineX()) + "\",\"y\":\""
                + coordinate(ec.getW().getAffineY()) + "\",\"kid\":\"" + key.id().value() + "\",\"alg\":\"ES256\",\"use\":\"sig\"}";
    }

    private static String coordinate(java.math.BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, fixed, 32 - length, length);
        return BASE64URL.encodeToString(fixed);
    }

    /** Signed with the JDK, in JOSE form (ES256 as R||S). */
    private static String forge(Map<String, Object> header, Map<String, Object> claims, SigningKey with) {
        String input = encode(header) + "." + encode(claims);
        return input + "." + BASE64URL.encodeToString(sign(jose(with.algorithm()), with.privateKey().orElseThrow(), input));
    }

    private static String derSigned(Map<String, Object> header, Map<String, Object> claims, SigningKey with) {
        String input = encode(header) + "." + encode(claims);
        return input + "." + BASE64URL.encodeToString(sign("SHA256withECDSA", with.privateKey().orElseThrow(), input));
    }

    private static String hs256(Map<String, Object> header, Map<String, Object> claims, byte[] macKey) {
        String input = encode(header) + "." + encode(claims);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(macKey, "HmacSHA256"));
            return input + "." + BASE64URL.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jose(SigningAlgorithm algorithm) {
        return switch (algorithm) {
            case ES256 -> "SHA256withECDSAinP1363Format";
            case RS256 -> "SHA256withRSA";
            case EdDSA -> "Ed25519";
        };
    }

    private static byte[] sign(String algorithm, PrivateKey key, String input) {
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(key);
            signature.update(input.getBytes(StandardCharsets.UTF_8));
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(Map<String, Object> json) {
        return BASE64URL.encodeToString(Json.createObjectBuilder(json).build().toString().getBytes(StandardCharsets.UTF_8));
    }

    private static JsonObject decode(String segment) {
        return Json.createReader(new StringReader(new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8)))
                .readObject();
    }

    private static User johnDoe() {
        return User.register(new Username("johndoe"), new PasswordHash("$test$hash"), null, null, Instant.EPOCH);
    }
}
