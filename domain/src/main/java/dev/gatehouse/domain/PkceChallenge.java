package dev.gatehouse.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A PKCE {@code code_challenge} of method {@code S256} (RFC 7636 section 4.2): the unpadded base64url SHA-256 of the
 * client's secret {@code code_verifier}, so exactly 43 characters. {@code plain} is not a method Gatehouse takes
 * (RFC 9700 section 2.1.1): whoever sees the authorization request would see the verifier itself.
 */
public record PkceChallenge(String value) {

    private static final Pattern S256_VALUE = Pattern.compile("[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]");
    /** RFC 7636 section 4.1: 43 to 128 unreserved characters. */
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    public PkceChallenge {
        Objects.requireNonNull(value, "code challenge must not be null");
        if (!S256_VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("an S256 code challenge is the 43-character base64url SHA-256 of the verifier");
        }
    }

    /** The challenge this text names, or empty when it could not be an S256 challenge. */
    public static Optional<PkceChallenge> parse(String text) {
        try {
            return Optional.of(new PkceChallenge(text));
        } catch (IllegalArgumentException | NullPointerException notAChallenge) {
            return Optional.empty();
        }
    }

    /** The challenge of {@code verifier}, as a client computes it. */
    public static PkceChallenge of(String verifier) {
        return new PkceChallenge(Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier)));
    }

    /**
     * Whether {@code verifier} is well formed and hashes to this challenge; the comparison takes the same time
     * wherever the first difference is.
     */
    public boolean isVerifiedBy(String verifier) {
        if (verifier == null || !VERIFIER.matcher(verifier).matches()) {
            return false;
        }
        byte[] expected = Base64.getUrlDecoder().decode(value);
        return MessageDigest.isEqual(expected, sha256(verifier));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}
