package dev.gatehouse.domain;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Optional;

/**
 * The asymmetric JWS algorithms Gatehouse signs access tokens with (RFC 7518, RFC 8037), each with the key it
 * needs: ES256 on P-256, RS256 on RSA of at least 2048 bits (RFC 9068 requires every resource server to support
 * it), EdDSA on Ed25519. {@link #joseName()} is the {@code alg} value.
 */
public enum SigningAlgorithm {
    ES256,
    RS256,
    EdDSA;

    /** RSA keys shorter than this are refused (RFC 7518 section 3.3); new ones are generated at this size. */
    public static final int RSA_KEY_BITS = 2048;

    /** The {@code alg} header value, which is also this constant's name. */
    public String joseName() {
        return name();
    }

    /** The algorithm for an {@code alg} value, matched exactly (JOSE names are case-sensitive). */
    public static Optional<SigningAlgorithm> fromJoseName(String name) {
        return Arrays.stream(values()).filter(algorithm -> algorithm.joseName().equals(name)).findFirst();
    }

    /** A fresh key pair for this algorithm from the JDK's default strong random source. */
    public KeyPair generateKeyPair() {
        try {
            KeyPairGenerator generator = switch (this) {
                case ES256 -> {
                    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
                    ec.initialize(new ECGenParameterSpec("secp256r1"));
                    yield ec;
                }
                case RS256 -> {
                    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
                    rsa.initialize(RSA_KEY_BITS);
                    yield rsa;
                }
                case EdDSA -> KeyPairGenerator.getInstance("Ed25519");
            };
            return generator.generateKeyPair();
        } catch (GeneralSecurityException unsupported) {
            throw new IllegalStateException("this JDK cannot generate " + this + " keys", unsupported);
        }
    }

    /** Whether {@code key} is a key this algorithm may verify with: the right type, curve and size. */
    public boolean accepts(PublicKey key) {
        return switch (this) {
            case ES256 -> key instanceof ECPublicKey ec && isP256(ec);
            case RS256 -> key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() >= RSA_KEY_BITS;
            case EdDSA -> key instanceof EdECPublicKey ed
                    && NamedParameterSpec.ED25519.getName().equalsIgnoreCase(ed.getParams().getName());
        };
    }

    private static boolean isP256(ECPublicKey key) {
        // The order of the P-256 group (FIPS 186-4, D.1.2.3); another 256-bit curve (secp256k1) differs here.
        return key.getParams().getOrder().toString(16)
                .equals("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
    }
}
