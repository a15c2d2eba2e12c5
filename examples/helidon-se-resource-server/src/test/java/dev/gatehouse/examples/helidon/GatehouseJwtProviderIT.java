package dev.gatehouse.examples.helidon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.helidon.security.jwt.Jwt;
import io.helidon.security.jwt.SignedJwt;
import io.helidon.security.jwt.jwk.JwkRSA;
import io.helidon.webserver.WebServer;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The checks {@link GatehouseJwtProvider} adds to Helidon's JWT provider, attacked with tokens signed by the very
 * key the recipe trusts (a key set served here, so that the test can sign what Gatehouse never would): each one is
 * refused only because of a check the provider alone does not make.
 */
class GatehouseJwtProviderIT {

    private static final String AUDIENCE = "items-api";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static HttpServer keySet;
    private static WebServer server;
    private static String issuer;
    private static JwkRSA key;

    @BeforeAll
    static void start() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
        key = JwkRSA.builder().publicKey(publicKey).privateKey((RSAPrivateKey) pair.getPrivate())
                .keyId("test-key").algorithm(JwkRSA.ALG_RS256).build();
        byte[] jwks = ("{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"test-key\",\"alg\":\"RS256\",\"use\":\"sig\",\"n\":\""
                + base64Url(publicKey.getModulus()) + "\",\"e\":\"" + base64Url(publicKey.getPublicExponent()) + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        keySet = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        keySet.createContext("/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        keySet.start();
        issuer = "http://127.0.0.1:" + keySet.getAddress().getPort();
        server = Main.start(issuer, AUDIENCE, 0);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
        if (keySet != null) {
            keySet.stop(0);
        }
    }

    @Test
    void accepts_a_token_like_gatehouse_s() throws Exception {
        assertEquals(200, status(sign(token -> token)));
    }

    @Test
    void refuses_a_token_of_another_issuer() throws Exception {
        assertEquals(401, status(sign(token -> token.issuer("https://staging.example.com"))));
    }

    @Test
    void refuses_a_token_without_exp() throws Exception {
        assertEquals(401, status(sign(token -> token.expirationTime(null))));
    }

    @Test
    void refuses_a_token_that_is_not_an_access_token() throws Exception {
        assertEquals(401, status(sign(token -> token.type("JWT"))));
    }

    @Test
    void refuses_a_token_for_another_audience() throws Exception {
        assertEquals(401, status(sign(token -> token.audience(java.util.List.of("orders-api")))));
    }

    @Test
    void refuses_a_token_expired_beyond_the_skew() throws Exception {
        Instant issued = Instant.now().minus(Duration.ofMinutes(20));
        assertEquals(401, status(sign(token -> token.issueTime(issued).notBefore(issued)
                .expirationTime(Instant.now().minusSeconds(6)))));
    }

    @Test
    void a_refusal_says_why_in_www_authenticate() throws Exception {
        HttpResponse<String> answer = get(sign(token -> token.issuer("https://staging.example.com")));

        assertEquals("Bearer error=\"invalid_token\"", answer.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals("Bearer", get(null).headers().firstValue("WWW-Authenticate").orElse(""));
    }

    private static String sign(UnaryOperator<Jwt.Builder> change) {
        Instant now = Instant.now();
        Jwt.Builder token = Jwt.builder().type("at+jwt").keyId("test-key").algorithm("RS256").issuer(issuer)
                .addAudience(AUDIENCE).subject("jane").addPayloadClaim("upn", "jane")
                .issueTime(now).notBefore(now).expirationTime(now.plus(Duration.ofMinutes(15)));
        return SignedJwt.sign(change.apply(token).build(), key).tokenContent();
    }

    private static int status(String token) throws Exception {
        HttpResponse<String> answer = get(token);
        assertTrue(answer.statusCode() != 500, answer.body());
        return answer.statusCode();
    }

    private static HttpResponse<String> get(String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/users/me"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
