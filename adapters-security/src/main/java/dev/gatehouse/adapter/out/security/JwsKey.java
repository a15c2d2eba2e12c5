package dev.gatehouse.adapter.out.security;

import dev.gatehouse.support.json.JsonCodec;

import dev.gatehouse.domain.SigningAlgorithm;
import dev.gatehouse.domain.SigningKey;
import io.helidon.security.jwt.jwk.Jwk;
import io.helidon.security.jwt.jwk.JwkEC;
import io.helidon.security.jwt.jwk.JwkOctet;
import io.helidon.security.jwt.jwk.JwkRSA;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * One JWS key: its {@code kid}, its {@code alg}, and how it signs and verifies. HS256, ES256 and RS256 run on
 * Helidon's {@link Jwk} ({@code JwkEC} signs in the JOSE R||S form); Helidon 4.3 has no OKP keys, so EdDSA
 * (Ed25519, RFC 8037) runs on the JDK's {@link Signature}. Verifying never throws: a malformed signature is
 * simply not valid.
 */
final class JwsKey {

    private final String keyId;
    private final String algorithm;
    private final Jwk helidonKey;
    private final PublicKey edPublicKey;
    private final PrivateKey edPrivateKey;

    private JwsKey(String keyId, String algorithm, Jwk helidonKey, PublicKey edPublicKey, PrivateKey edPrivateKey) {
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.helidonKey = helidonKey;
        this.edPublicKey = edPublicKey;
        this.edPrivateKey = edPrivateKey;
    }

    /** An HS256 key from a shared secret (Helidon builds octet keys from JWK JSON only). */
    static JwsKey hmac(String keyId, byte[] secret) {
        return new JwsKey(keyId, JwkOctet.ALG_HS256, JwkOctet.create(JsonCodec.BUILDERS.createObjectBuilder()
                .add("kty", "oct")
                .add("alg", JwkOctet.ALG_HS256)
                .add("use", "sig")
                .add("kid", keyId)
                .add("k", Base64.getUrlEncoder().withoutPadding().encodeToString(secret))
                .build()), null, null);
    }

    /** The key of a stored signing key; it signs only when the private part is present. */
    static JwsKey of(SigningKey key) {
        String kid = key.id().value();
        Optional<PrivateKey> privateKey = key.privateKey();
        return switch (key.algorithm()) {
            case ES256 -> {
                JwkEC.Builder ec = JwkEC.builder().publicKey((ECPublicKey) key.publicKey());
                privateKey.ifPresent(secret -> ec.privateKey((ECPrivateKey) secret));
                ec.keyId(kid).algorithm(JwkEC.ALG_ES256).usage(Jwk.USE_SIGNATURE);
                yield new JwsKey(kid, JwkEC.ALG_ES256, ec.build(), null, null);
            }
            case RS256 -> {
                JwkRSA.Builder rsa = JwkRSA.builder().publicKey((RSAPublicKey) key.publicKey());
                privateKey.ifPresent(secret -> rsa.privateKey((RSAPrivateKey) secret));
                rsa.keyId(kid).algorithm(JwkRSA.ALG_RS256).usage(Jwk.USE_SIGNATURE);
                yield new JwsKey(kid, JwkRSA.ALG_RS256, rsa.build(), null, null);
            }
            case EdDSA -> new JwsKey(kid, SigningAlgorithm.EdDSA.joseName(), null, key.publicKey(), privateKey.orElse(null));
        };
    }

    String keyId() {
        return keyId;
    }

    String algorithm() {
        return algorithm;
    }

    byte[] sign(byte[] signingInput) {
        if (helidonKey != null) {
            return helidonKey.sign(signingInput);
        }
        if (edPrivateKey == null) {
            throw new IllegalStateException("key " + keyId + " has no private part here");
        }
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(edPrivateKey);
            ed25519.update(signingInput);
            return ed25519.sign();
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("this JDK cannot sign with Ed25519", impossible);
        }
    }

    boolean verify(byte[] signingInput, byte[] signature) {
        try {
            if (helidonKey != null) {
                return helidonKey.verifySignature(signingInput, signature);
            }
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initVerify(edPublicKey);
            ed25519.update(signingInput);
            return ed25519.verify(signature);
        } catch (GeneralSecurityException | RuntimeException invalid) {
            return false;
        }
    }
}
