package dev.gatehouse.examples.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An issuer the test controls, shaped like Gatehouse (RFC 8414 metadata, a key set, RS256 tokens with Gatehouse's
 * header and claims), so that a recipe can be shown tokens Gatehouse would never sign, with the key it trusts:
 * another issuer, no {@code exp}, another {@code typ}, and so on. JDK only.
 */
public final class TokenForge implements AutoCloseable {

    public static final String KEY_ID = "forge-key";
    private final KeyPair keys;
    private final HttpServer server;
    private final String issuer;

    private TokenForge(KeyPair keys, HttpServer server) {
        this.keys = keys;
        this.server = server;
        this.issuer = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public static TokenForge start() throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        RSAPublicKey publicKey = (RSAPublicKey) keys.getPublic();
        String jwks = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"" + KEY_ID + "\",\"alg\":\"RS256\",\"use\":\"sig\",\"n\":\""
                + unsigned(publicKey.getModulus()) + "\",\"e\":\"" + unsigned(publicKey.getPublicExponent()) + "\"}]}";
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String issuer = "http://127.0.0.1:" + server.getAddress().getPort();
        String metadata = "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/.well-known/jwks.json\","
                + "\"token_endpoint\":\"" + issuer + "/token\",\"response_types_supported\":[]}";
        serve(server, "/.well-known/jwks.json", jwks);
        serve(server, "/.well-known/oauth-authorization-server", metadata);
        server.start();
        return new TokenForge(keys, server);
    }

    public String issuer() {
        return issuer;
    }

    /** Gatehouse's header: RS256, {@code at+jwt}, the key id. */
    public Map<String, Object> header() {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("typ", "at+jwt");
        header.put("kid", KEY_ID);
        return header;
    }

    /** Gatehouse's claims for {@code jane}, valid for 15 minutes from now, for these audiences. */
    public Map<String, Object> claims(String... audiences) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("aud", List.of(audiences));
        claims.put("sub", "jane");
        claims.put("upn", "jane");
        claims.put("client_id", "items-web");
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iat", now);
        claims.put("nbf", now);
        claims.put("exp", now + 900);
        return claims;
    }

    /** Signs with the trusted key (RS256), whatever the header says. */
    public String sign(Map<String, Object> header, Map<String, Object> claims) throws GeneralSecurityException {
        String content = encode(header) + "." + encode(claims);
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(keys.getPrivate());
        rsa.update(content.getBytes(StandardCharsets.US_ASCII));
        return content + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
    }

    /** The algorithm-confusion forgery: HS256 keyed with the public key's encoding, which anybody can fetch. */
    public String signHs256WithThePublicKey(Map<String, Object> claims) throws GeneralSecurityException {
        Map<String, Object> header = header();
        header.put("alg", "HS256");
        String content = encode(header) + "." + encode(claims);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(keys.getPublic().getEncoded(), "HmacSHA256"));
        return content + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(content.getBytes(StandardCharsets.US_ASCII)));
    }

    /** {@code alg: none}, no signature. */
    public String unsigned(Map<String, Object> claims) {
        Map<String, Object> header = header();
        header.put("alg", "none");
        return encode(header) + "." + encode(claims) + ".";
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static String encode(Map<String, Object> json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json(json).getBytes(StandardCharsets.UTF_8));
    }

    private static String json(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().filter(entry -> entry.getValue() != null)
                    .map(entry -> json(entry.getKey()) + ":" + json(entry.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(TokenForge::json).collect(Collectors.joining(",", "[", "]"));
        }
        if (value instanceof Number) {
            return value.toString();
        }
        return "\"" + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void serve(HttpServer server, String path, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        server.createContext(path, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
    }
}
