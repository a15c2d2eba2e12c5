package dev.gatehouse.adapter.in.web;

import dev.gatehouse.support.json.JsonCodec;

import dev.gatehouse.application.port.in.PublishedKey;
import dev.gatehouse.application.port.in.PublishedKeysUseCase;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * {@code GET /.well-known/jwks.json}: the published verification keys as a JWK Set (RFC 7517), public members
 * only: EC P-256 ({@code x}, {@code y}), RSA ({@code n}, {@code e}), OKP Ed25519 ({@code x}, RFC 8037), each with
 * {@code kid}, {@code alg} and {@code use: sig}. Empty in HS256 mode. Cacheable for
 * {@link DiscoverySettings#keySetMaxAge()}.
 */
final class JwksHttpService implements RoutedService {

    static final String PATH = "/.well-known/jwks.json";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    /** The X.509 SubjectPublicKeyInfo of an Ed25519 key is a fixed 12-byte prefix and the 32-byte key (RFC 8410). */
    private static final int ED25519_KEY_BYTES = 32;

    private final PublishedKeysUseCase publishedKeys;
    private final Header cacheControl;

    JwksHttpService(PublishedKeysUseCase publishedKeys, DiscoverySettings settings) {
        this.publishedKeys = Objects.requireNonNull(publishedKeys, "publishedKeys");
        this.cacheControl = HeaderValues.create(HeaderNames.CACHE_CONTROL,
                "public, max-age=" + settings.keySetMaxAge().toSeconds());
    }

    @Override
    public List<Route> routes() {
        return List.of(Route.get(PATH, this::keySet));
    }

    private void keySet(ServerRequest request, ServerResponse response) {
        JsonArrayBuilder keys = JsonCodec.BUILDERS.createArrayBuilder();
        publishedKeys.publishedKeys().forEach(key -> keys.add(jwk(key)));
        JsonResponses.send(response, Status.OK_200, JsonCodec.BUILDERS.createObjectBuilder().add("keys", keys).build(),
                cacheControl);
    }

    /** The public JWK of one key. */
    static JsonObject jwk(PublishedKey key) {
        JsonObjectBuilder jwk = JsonCodec.BUILDERS.createObjectBuilder();
        switch (key.algorithm()) {
            case ES256 -> {
                ECPublicKey ec = (ECPublicKey) key.publicKey();
                jwk.add("kty", "EC").add("crv", "P-256")
                        .add("x", BASE64URL.encodeToString(unsigned(ec.getW().getAffineX(), 32)))
                        .add("y", BASE64URL.encodeToString(unsigned(ec.getW().getAffineY(), 32)));
            }
            case RS256 -> {
                RSAPublicKey rsa = (RSAPublicKey) key.publicKey();
                jwk.add("kty", "RSA")
                        .add("n", BASE64URL.encodeToString(unsigned(rsa.getModulus(), (rsa.getModulus().bitLength() + 7) / 8)))
                        .add("e", BASE64URL.encodeToString(unsigned(rsa.getPublicExponent(),
                                (rsa.getPublicExponent().bitLength() + 7) / 8)));
            }
            case EdDSA -> {
                byte[] spki = key.publicKey().getEncoded();
                jwk.add("kty", "OKP").add("crv", "Ed25519")
                        .add("x", BASE64URL.encodeToString(Arrays.copyOfRange(spki, spki.length - ED25519_KEY_BYTES, spki.length)));
            }
        }
        return jwk.add("kid", key.id().value()).add("alg", key.algorithm().joseName()).add("use", "sig").build();
    }

    /** Big-endian, without a sign byte, left-padded with zeros to {@code length} bytes (RFC 7518 sections 6.2, 6.3). */
    private static byte[] unsigned(BigInteger value, int length) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > length) {
            return Arrays.copyOfRange(bytes, bytes.length - length, bytes.length);
        }
        byte[] padded = new byte[length];
        System.arraycopy(bytes, 0, padded, length - bytes.length, bytes.length);
        return padded;
    }
}
