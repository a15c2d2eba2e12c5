package dev.gatehouse.features;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret an application makes up for one sign-in (PKCE, RFC 7636): the verifier it keeps, and the S256 challenge
 * it sends along when it sends the browser to sign in. Computed here, not by Gatehouse's code, as a client would.
 */
public record ProofKey(String verifier, String challenge) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A fresh verifier (32 random bytes, 43 characters) and its challenge. */
    public static ProofKey fresh() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return new ProofKey(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "ProofKey[redacted]";
    }
}
