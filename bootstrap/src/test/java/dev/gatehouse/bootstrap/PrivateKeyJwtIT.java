package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.adapter.out.persistence.DatabaseSettings;
import dev.gatehouse.adapter.out.persistence.TestDatabases;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that authenticates with {@code private_key_jwt} (RFC 7523) against two Gatehouse instances on one
 * PostgreSQL, configured as an operator would ({@code GATEHOUSE_CLIENT_JWKS_BATCH}, {@code GATEHOUSE_CLIENT_GRANTS}):
 * the client credentials grant, introspection with an assertion, and one assertion presented to both instances at
 * once is accepted exactly once.
 */
class PrivateKeyJwtIT {

    private static final String ISSUER = "http://127.0.0.1";
    private static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final HttpClient http = HttpClient.newHttpClient();
    private KeyPair key;
    private Gatehouse first;
    private Gatehouse second;

    @BeforeEach
    void startTwoInstances() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        key = generator.generateKeyPair();
        RSAPublicKey publicKey = (RSAPublicKey) key.getPublic();
        String jwks = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"batch-1\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\""
                + unsigned(publicKey.getModulus()) + "\",\"e\":\"" + unsigned(publicKey.getPublicExponent()) + "\"}]}";
        DatabaseSettings database = TestDatabases.freshPostgres();
        GatehouseSettings settings = GatehouseSettings.from(SettingSource.of(RequestBudgets.off(Map.of(
                "GATEHOUSE_JWT_SECRET", "shared-secret-of-every-instance-32-bytes!",
                "GATEHOUSE_ISSUER", ISSUER,
                "GATEHOUSE_PORT", "0",
                "GATEHOUSE_CLIENTS", "web-app:public:first-party,batch:confidential",
                "GATEHOUSE_CLIENT_JWKS_BATCH", jwks,
                "GATEHOUSE_CLIENT_GRANTS", "batch=client_credentials",
                "GATEHOUSE_CLIENT_SCOPES", "batch=reports:read",
                "GATEHOUSE_INTROSPECTION_CLIENTS", "batch")))).withDatabase(database);
        first = Gatehouse.start(settings, Clock.systemUTC());
        second = Gatehouse.start(settings, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        first.close();
        second.close();
    }

    @Test
    void a_client_gets_a_token_with_an_assertion_and_introspects_with_another() throws Exception {
        HttpResponse<String> token = post(first.port(), "/token", "grant_type=client_credentials&" + assertionForm(ISSUER + "/token"));
        assertEquals(200, token.statusCode(), token::body);
        assertTrue(token.body().contains("\"scope\":\"reports:read\""), token.body());
        String accessToken = TestHttp.accessToken(token);

        HttpResponse<String> me = new TestHttp(second.port()).me(accessToken);
        assertEquals(401, me.statusCode(), me::body);
        assertEquals("{\"detail\":\"Could not validate credentials\"}", me.body());

        // The issuer is an accepted audience too, and the other instance answers.
        HttpResponse<String> introspection = post(second.port(), "/introspect",
                "token=" + encode(accessToken) + "&" + assertionForm(ISSUER));
        assertEquals(200, introspection.statusCode(), introspection::body);
        assertTrue(introspection.body().contains("\"active\":true") && introspection.body().contains("\"sub\":\"batch\""),
                introspection.body());
        HttpResponse<String> elsewhere = post(first.port(), "/token", "grant_type=client_credentials&"
                + assertionForm("https://another-server.example.com/token"));
        assertEquals(401, elsewhere.statusCode(), elsewhere::body);
    }

    @Test
    void one_assertion_presented_to_two_instances_at_once_is_accepted_once() throws Exception {
        for (int round = 0; round < 3; round++) {
            String form = "grant_type=client_credentials&" + assertionForm(ISSUER + "/token");
            int threads = 16;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Integer>> statuses = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    int port = (i % 2 == 0 ? first : second).port();
                    statuses.add(pool.submit(() -> {
                        start.await();
                        return post(port, "/token", form).statusCode();
                    }));
                }
                start.countDown();
                List<Integer> seen = new ArrayList<>();
                for (Future<Integer> status : statuses) {
                    seen.add(status.get());
                }
                assertEquals(1, seen.stream().filter(status -> status == 200).count(), seen::toString);
                assertEquals(threads - 1, seen.stream().filter(status -> status == 401).count(), seen::toString);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private String assertionForm(String audience) throws Exception {
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"kid\":\"batch-1\",\"typ\":\"JWT\"}";
        String payload = "{\"iss\":\"batch\",\"sub\":\"batch\",\"aud\":\"" + audience + "\",\"iat\":" + now + ",\"exp\":" + (now + 60)
                + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        String signingInput = BASE64URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + BASE64URL.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key.getPrivate());
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        String jwt = signingInput + "." + BASE64URL.encodeToString(signature.sign());
        return "client_assertion_type=" + encode(JWT_BEARER) + "&client_assertion=" + encode(jwt);
    }

    private HttpResponse<String> post(int port, String path, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes[0] == 0 && bytes.length > 1) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return BASE64URL.encodeToString(bytes);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
