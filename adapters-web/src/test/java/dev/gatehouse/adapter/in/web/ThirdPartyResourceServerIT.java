package dev.gatehouse.adapter.in.web;

import dev.gatehouse.adapter.out.security.JwtSettings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.domain.SigningAlgorithm;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A resource server written by someone else: it knows Gatehouse only by its metadata URL, fetches the metadata and
 * the key set over HTTP, and validates a token with jose4j, a JOSE library Gatehouse does not use. No shared
 * secret, no Gatehouse code on its side.
 */
class ThirdPartyResourceServerIT {

    private static final String PASSWORD = "correct horse battery staple";
    private final HttpClient http = HttpClient.newHttpClient();

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void validates_a_gatehouse_token_with_the_published_keys_alone(SigningAlgorithm algorithm) throws Exception {
        TestGatehouse gatehouse = new TestGatehouse(algorithm);
        gatehouse.addUser("johndoe", PASSWORD, null, null);
        WebSettings settings = new WebSettings(ClientAddressing.DIRECT, true, WebSettings.DEFAULT.knownDeviceLifetime(),
                new DiscoverySettings(TestGatehouse.ISSUER, Optional.empty(), Duration.ofMinutes(15), List.of()));
        try (RealServer server = new RealServer(gatehouse.useCases, settings)) {
            URI base = URI.create("http://127.0.0.1:" + server.port());
            String token = json(send(HttpRequest.newBuilder(base.resolve("/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=johndoe&password="
                            + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8))))).getString("access_token");

            // The resource server's side, from here on.
            JsonObject metadata = json(send(HttpRequest.newBuilder(base.resolve("/.well-known/oauth-authorization-server")).GET()));
            HttpResponse<String> keySet = http.send(HttpRequest.newBuilder(URI.create(metadata.getString("jwks_uri"))).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, keySet.statusCode());
            assertTrue(keySet.headers().firstValue("Cache-Control").orElseThrow().matches("public, max-age=[0-9]+"));
            JwtConsumer consumer = new JwtConsumerBuilder()
                    .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(keySet.body()).getJsonWebKeys()))
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, algorithm.joseName())
                    .setExpectedType(true, "at+jwt")
                    .setExpectedIssuer(metadata.getString("issuer"))
                    .setExpectedAudience(TestGatehouse.ISSUER)
                    .setRequireExpirationTime()
                    .setRequireIssuedAt()
                    .setRequireSubject()
                    .setRequireJwtId()
                    .setEvaluationTime(NumericDate.fromSeconds(gatehouse.clock.instant().getEpochSecond()))
                    .build();

            JwtClaims claims = consumer.processToClaims(token);
            assertEquals("johndoe", claims.getSubject());
            assertEquals(algorithm.joseName(), JsonWebStructure.fromCompactSerialization(token).getAlgorithmHeaderValue());

            // Another first signature character, whatever it was (a fixed "A" is no change one time in 64).
            int signature = token.lastIndexOf('.') + 1;
            String tampered = token.substring(0, signature) + (token.charAt(signature) == 'A' ? "B" : "A")
                    + token.substring(signature + 1);
            assertThrows(InvalidJwtException.class, () -> consumer.processToClaims(tampered));
            gatehouse.clock.advance(JwtSettings.DEFAULT_LIFETIME.plus(Duration.ofMinutes(1)));
            JwtConsumer later = new JwtConsumerBuilder()
                    .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(keySet.body()).getJsonWebKeys()))
                    .setRequireExpirationTime()
                    .setExpectedAudience(TestGatehouse.ISSUER)
                    .setExpectedType(true, "at+jwt")
                    .setEvaluationTime(NumericDate.fromSeconds(gatehouse.clock.instant().getEpochSecond()))
                    .build();
            assertThrows(InvalidJwtException.class, () -> later.processToClaims(token), "expired");
        }
    }

    private String send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response::body);
        return response.body();
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }
}
