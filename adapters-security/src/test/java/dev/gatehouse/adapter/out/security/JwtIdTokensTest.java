package dev.gatehouse.adapter.out.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.application.port.out.IdTokenClaims;
import dev.gatehouse.application.port.out.IdTokens;
import dev.gatehouse.application.service.RotateSigningKeysService;
import dev.gatehouse.application.testing.IdTokensContract;
import dev.gatehouse.application.testing.InMemorySigningKeyRepository;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.RecordingAuditLog;
import dev.gatehouse.domain.AccessToken;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.KeyRotationPolicy;
import dev.gatehouse.domain.SessionId;
import dev.gatehouse.domain.SigningAlgorithm;
import dev.gatehouse.domain.StandardClaims;
import dev.gatehouse.support.json.JsonCodec;
import jakarta.json.JsonObject;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The ID-token contract with every kind of published key, and what a relying party checks in one. */
class JwtIdTokensTest {

    private static final java.time.Instant SIGNED_IN = java.time.Instant.parse("2026-12-04T20:00:00Z");
    private static final Duration LIFETIME = JwtSettings.DEFAULT_LIFETIME;
    private static final KeyRotationPolicy POLICY = new KeyRotationPolicy(Duration.ofDays(30), Duration.ofHours(1),
            LIFETIME.plus(JwtSettings.DEFAULT_CLOCK_SKEW));

    /** One deployment: its key store, its access tokens and its ID tokens. */
    private static final class Deployment {
        final MutableClock clock = new MutableClock(SIGNED_IN.plusSeconds(30));
        final InMemorySigningKeyRepository keys = new InMemorySigningKeyRepository();
        final JwtSettings settings = new JwtSettings("https://gatehouse.test", "gatehouse-test", JwtSettings.randomSecret(),
                LIFETIME, JwtSettings.DEFAULT_CLOCK_SKEW);
        final JwtAccessTokens accessTokens;
        final JwtIdTokens idTokens;

        Deployment(SigningAlgorithm algorithm) {
            new RotateSigningKeysService(keys, POLICY, algorithm, new RecordingAuditLog(), clock).rotate();
            accessTokens = new JwtAccessTokens(settings, keys, POLICY, clock);
            idTokens = new JwtIdTokens(settings, keys, POLICY, clock);
        }

        /** Another instance on the same key store. */
        JwtIdTokens anotherInstance() {
            return new JwtIdTokens(settings, keys, POLICY, clock);
        }

        AccessToken accessToken() {
            return accessTokens.issue(dev.gatehouse.domain.User.register(new dev.gatehouse.domain.Username("alice"), new dev.gatehouse.domain.PasswordHash("$test$hash"), null, null, java.time.Instant.EPOCH), Set.of(StandardClaims.OPENID), SessionId.newId(),
                    Optional.of(new ClientId("web-app")));
        }
    }


    abstract static class Contract extends IdTokensContract {
        private final Deployment deployment = new Deployment(algorithm());

        abstract SigningAlgorithm algorithm();

        @Override
        protected IdTokens idTokens() {
            return deployment.idTokens;
        }

        @Override
        protected IdTokens anotherInstance() {
            return deployment.anotherInstance();
        }

        @Override
        protected AccessToken accessToken() {
            return deployment.accessToken();
        }
    }

    @Nested
    class Es256 extends Contract {
        @Override
        SigningAlgorithm algorithm() {
            return SigningAlgorithm.ES256;
        }
    }

    @Nested
    class Rs256 extends Contract {
        @Override
        SigningAlgorithm algorithm() {
            return SigningAlgorithm.RS256;
        }
    }

    @Nested
    class EdDsa extends Contract {
        @Override
        SigningAlgorithm algorithm() {
            return SigningAlgorithm.EdDSA;
        }
    }

    private static IdTokenClaims claims() {
        return new IdTokenClaims(new StandardClaims("6f1c1e0e-8a7e-4c52-9a57-1c3e6b8f0a11", Optional.of("alice"),
                Optional.empty(), Optional.of("alice@example.com"), Optional.of(false)), new ClientId("web-app"),
                SIGNED_IN, Optional.of("n-0S6_WzA2Mj"));
    }

    private static JsonObject part(String token, int index) {
        return JsonCodec.parseObject(Base64.getUrlDecoder().decode(token.split("\\.")[index])).orElseThrow();
    }

    @Test
    void carries_every_claim_a_relying_party_checks() {
        Deployment deployment = new Deployment(SigningAlgorithm.ES256);
        AccessToken accessToken = deployment.accessToken();
        String token = deployment.idTokens.issue(claims(), accessToken).orElseThrow();
        JsonObject header = part(token, 0);
        JsonObject payload = part(token, 1);

        assertEquals("ES256", header.getString("alg"));
        assertEquals("JWT", header.getString("typ"));
        assertEquals(deployment.keys.findAll().getFirst().id().value(), header.getString("kid"));
        assertEquals("https://gatehouse.test", payload.getString("iss"));
        assertEquals("6f1c1e0e-8a7e-4c52-9a57-1c3e6b8f0a11", payload.getString("sub"));
        assertEquals("web-app", payload.getJsonArray("aud").getString(0));
        assertEquals("web-app", payload.getString("azp"));
        assertEquals(SIGNED_IN.getEpochSecond(), payload.getJsonNumber("auth_time").longValueExact());
        assertEquals(deployment.clock.instant().getEpochSecond(), payload.getJsonNumber("iat").longValueExact());
        assertEquals(deployment.clock.instant().plus(LIFETIME).getEpochSecond(), payload.getJsonNumber("exp").longValueExact());
        assertEquals("n-0S6_WzA2Mj", payload.getString("nonce"));
        assertEquals("alice", payload.getString("preferred_username"));
        assertFalse(payload.containsKey("name"), "no full name, no name claim");
        assertEquals("alice@example.com", payload.getString("email"));
        assertFalse(payload.getBoolean("email_verified"));
    }

    @Test
    void at_hash_is_the_left_half_of_the_access_tokens_hash_under_the_signing_algorithm() throws Exception {
        for (SigningAlgorithm algorithm : SigningAlgorithm.values()) {
            Deployment deployment = new Deployment(algorithm);
            AccessToken accessToken = deployment.accessToken();
            String token = deployment.idTokens.issue(claims(), accessToken).orElseThrow();
            // Computed here independently: SHA-256 for ES256 and RS256, SHA-512 for Ed25519.
            byte[] digest = MessageDigest.getInstance(algorithm == SigningAlgorithm.EdDSA ? "SHA-512" : "SHA-256")
                    .digest(accessToken.value().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, digest.length / 2));

            assertEquals(expected, part(token, 1).getString("at_hash"), algorithm.name());
        }
    }

    @Test
    void an_id_token_is_no_access_token_and_an_access_token_no_id_token() {
        Deployment deployment = new Deployment(SigningAlgorithm.ES256);
        AccessToken accessToken = deployment.accessToken();
        String idToken = deployment.idTokens.issue(claims(), accessToken).orElseThrow();

        assertTrue(deployment.accessTokens.verify(idToken).isEmpty());
        assertTrue(deployment.accessTokens.verifyClientToken(idToken).isEmpty());
        assertTrue(deployment.idTokens.read(accessToken.value()).isEmpty());
    }

    @Test
    void another_deployments_id_token_does_not_read() {
        Deployment ours = new Deployment(SigningAlgorithm.ES256);
        Deployment theirs = new Deployment(SigningAlgorithm.ES256);

        assertTrue(ours.idTokens.read(theirs.idTokens.issue(claims(), theirs.accessToken()).orElseThrow()).isEmpty());
    }

    @Test
    void a_hint_still_reads_after_its_token_expired_while_its_key_is_published() {
        Deployment deployment = new Deployment(SigningAlgorithm.ES256);
        String token = deployment.idTokens.issue(claims(), deployment.accessToken()).orElseThrow();
        deployment.clock.advance(LIFETIME.plusMinutes(1));

        assertEquals(Optional.of(claims()), deployment.idTokens.read(token));
    }
}
