package dev.gatehouse.adapter.out.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.application.port.out.ClientAssertions;
import dev.gatehouse.application.testing.ClientAssertionsContract;
import dev.gatehouse.domain.Client;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.ClientKeys;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link JwtClientAssertions} against assertions signed by an independent library (jose4j): the port's contract with
 * RS256 and ES256 keys, and the attacks that belong to JWS itself (alg none, HMAC with the public key, a header that
 * points elsewhere, a tampered payload, a key set URL).
 */
class JwtClientAssertionsTest {

    static final String TOKEN_ENDPOINT = "https://auth.example.com/token";
    static final String ISSUER = "https://auth.example.com";

    static PublicJsonWebKey rsa(String keyId) {
        try {
            PublicJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(keyId);
            return key;
        } catch (JoseException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    static EllipticCurveJsonWebKey ec(String keyId) {
        try {
            EllipticCurveJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
            key.setKeyId(keyId);
            return key;
        } catch (JoseException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    static String publicJwks(JsonWebKey... keys) {
        return new JsonWebKeySet(keys).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    static String claimsJson(ClientAssertionsContract.Claims claims) {
        JwtClaims jwt = new JwtClaims();
        jwt.setIssuer(claims.iss());
        jwt.setSubject(claims.sub());
        jwt.setAudience(claims.aud());
        if (claims.exp() != null) {
            jwt.setExpirationTime(NumericDate.fromSeconds(claims.exp().getEpochSecond()));
        }
        if (claims.jti() != null) {
            jwt.setJwtId(claims.jti());
        }
        return jwt.toJson();
    }

    static String sign(String payload, PublicJsonWebKey key, String algorithm) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(payload);
            jws.setKey(key.getPrivateKey());
            jws.setKeyIdHeaderValue(key.getKeyId());
            jws.setAlgorithmHeaderValue(algorithm);
            return jws.getCompactSerialization();
        } catch (JoseException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Nested
    class WithRsaKeys extends ClientAssertionsContract {

        private final PublicJsonWebKey registered = rsa("batch-1");
        private final PublicJsonWebKey another = rsa("batch-1");

        @Override
        protected ClientAssertions newAssertions(Clock clock) {
            return new JwtClientAssertions(Set.of(TOKEN_ENDPOINT, ISSUER), clock);
        }

        @Override
        protected String audience() {
            return TOKEN_ENDPOINT;
        }

        @Override
        protected Client registered(ClientId id) {
            return Client.confidential(id, new ClientKeys.Inline(publicJwks(registered)), false);
        }

        @Override
        protected String signed(Claims claims, boolean registeredKey) {
            return sign(claimsJson(claims), registeredKey ? registered : another, AlgorithmIdentifiers.RSA_USING_SHA256);
        }
    }

    @Nested
    class WithEcKeys extends ClientAssertionsContract {

        private final EllipticCurveJsonWebKey registered = ec("batch-ec");
        private final EllipticCurveJsonWebKey another = ec("batch-ec");

        @Override
        protected ClientAssertions newAssertions(Clock clock) {
            return new JwtClientAssertions(Set.of(TOKEN_ENDPOINT, ISSUER), clock);
        }

        @Override
        protected String audience() {
            return ISSUER;
        }

        @Override
        protected Client registered(ClientId id) {
            return Client.confidential(id, new ClientKeys.Inline(publicJwks(registered)), false);
        }

        @Override
        protected String signed(Claims claims, boolean registeredKey) {
            return sign(claimsJson(claims), registeredKey ? registered : another, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        }
    }

    @Nested
    class Attacks {

        private final Clock clock = Clock.systemUTC();
        private final PublicJsonWebKey key = rsa("batch-1");
        private final Client batch = Client.confidential(new ClientId("batch"), new ClientKeys.Inline(publicJwks(key)), false);
        private final JwtClientAssertions assertions = new JwtClientAssertions(Set.of(TOKEN_ENDPOINT), clock);

        private String validClaims() {
            return claimsJson(new ClientAssertionsContract.Claims("batch", "batch", TOKEN_ENDPOINT,
                    clock.instant().plusSeconds(60), UUID.randomUUID().toString()));
        }

        @Test
        void accepts_the_genuine_assertion() {
            assertTrue(assertions.verify(sign(validClaims(), key, AlgorithmIdentifiers.RSA_USING_SHA256), batch).isPresent());
        }

        @Test
        void refuses_alg_none() throws JoseException {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(validClaims());
            jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
            jws.setKeyIdHeaderValue("batch-1");
            assertEquals(Optional.empty(), assertions.verify(jws.getCompactSerialization(), batch));
        }

        @Test
        void refuses_an_hmac_made_with_the_public_key_as_secret() throws JoseException {
            for (byte[] secret : new byte[][] {publicJwks(key).getBytes(StandardCharsets.UTF_8), key.getPublicKey().getEncoded()}) {
                JsonWebSignature jws = new JsonWebSignature();
                jws.setPayload(validClaims());
                jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
                jws.setKeyIdHeaderValue("batch-1");
                jws.setKey(new HmacKey(secret));
                assertEquals(Optional.empty(), assertions.verify(jws.getCompactSerialization(), batch));
            }
        }

        @Test
        void refuses_rs256_named_as_another_algorithm_and_a_header_that_points_elsewhere() throws JoseException {
            JsonWebSignature ps256 = new JsonWebSignature();
            ps256.setPayload(validClaims());
            ps256.setKey(key.getPrivateKey());
            ps256.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_PSS_USING_SHA256);
            assertEquals(Optional.empty(), assertions.verify(ps256.getCompactSerialization(), batch));

            JsonWebSignature jku = new JsonWebSignature();
            jku.setPayload(validClaims());
            jku.setKey(key.getPrivateKey());
            jku.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            jku.setHeader("jku", "https://attacker.example.com/jwks.json");
            assertEquals(Optional.empty(), assertions.verify(jku.getCompactSerialization(), batch));
        }

        @Test
        void refuses_a_tampered_payload_and_a_key_id_it_does_not_know() {
            String genuine = sign(validClaims(), key, AlgorithmIdentifiers.RSA_USING_SHA256);
            String[] parts = genuine.split("\\.");
            String otherPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(claimsJson(new ClientAssertionsContract.Claims(
                    "batch", "batch", TOKEN_ENDPOINT, clock.instant().plusSeconds(60), "other")).getBytes(StandardCharsets.UTF_8));
            assertEquals(Optional.empty(), assertions.verify(parts[0] + "." + otherPayload + "." + parts[2], batch));

            PublicJsonWebKey unknown = rsa("not-registered");
            assertEquals(Optional.empty(), assertions.verify(sign(validClaims(), unknown, AlgorithmIdentifiers.RSA_USING_SHA256), batch));
        }

        @Test
        void refuses_every_assertion_of_a_client_without_keys() {
            Client secretOnly = Client.confidential(new ClientId("batch"), dev.gatehouse.domain.ClientSecretHash.of("x".repeat(40)), false);
            assertEquals(Optional.empty(), assertions.verify(sign(validClaims(), key, AlgorithmIdentifiers.RSA_USING_SHA256), secretOnly));
        }

        @Test
        void fetches_a_key_set_from_its_url_and_again_when_the_client_rotated_its_key() throws Exception {
            AtomicReference<String> published = new AtomicReference<>(publicJwks(key));
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/jwks.json", exchange -> {
                byte[] body = published.get().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            try {
                var mutable = new dev.gatehouse.application.testing.MutableClock(clock.instant());
                JwtClientAssertions remote = new JwtClientAssertions(Set.of(TOKEN_ENDPOINT), mutable);
                Client client = Client.confidential(new ClientId("batch"),
                        new ClientKeys.Remote("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json"), false);

                assertTrue(remote.verify(sign(validClaims(), key, AlgorithmIdentifiers.RSA_USING_SHA256), client).isPresent());
                PublicJsonWebKey rotated = rsa("batch-2");
                published.set(publicJwks(rotated));
                mutable.advance(java.time.Duration.ofSeconds(JwtClientAssertions.REFETCH_SECONDS + 1));
                assertTrue(remote.verify(sign(validClaims(), rotated, AlgorithmIdentifiers.RSA_USING_SHA256), client).isPresent());
                assertEquals(Optional.empty(), remote.verify(sign(validClaims(), key, AlgorithmIdentifiers.RSA_USING_SHA256), client));
            } finally {
                server.stop(0);
            }
        }
    }
}
