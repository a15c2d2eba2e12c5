package dev.gatehouse.bootstrap;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a relying party checks in an ID token (OpenID Connect Core 1.0 section 3.1.3.7), done with an independent JOSE
 * library (Nimbus JOSE+JWT), not with Gatehouse's code: the signature against the published key set, the issuer, the
 * audience being the client, expiry, the nonce it sent, and {@code at_hash} against the access token it came with.
 */
final class IdTokenCheck {

    private IdTokenCheck() {
    }

    /** The verified claims, or an exception saying which check failed. */
    static JWTClaimsSet verify(String idToken, String jwksJson, String issuer, String clientId, String nonce,
                               String accessToken) throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(com.nimbusds.jose.JOSEObjectType.JWT, null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256,
                JWSAlgorithm.EdDSA), new ImmutableJWKSet<>(JWKSet.parse(jwksJson))));
        JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder().issuer(issuer).audience(clientId);
        if (nonce != null) {
            exact.claim("nonce", nonce);
        }
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(clientId, exact.build(),
                new HashSet<>(List.of("sub", "iat", "exp", "auth_time", "at_hash"))));
        JWTClaimsSet claims = processor.process(idToken, null);
        String alg = com.nimbusds.jwt.SignedJWT.parse(idToken).getHeader().getAlgorithm().getName();
        String expected = atHash(accessToken, alg.equals("EdDSA") ? "SHA-512" : "SHA-256");
        if (!expected.equals(claims.getStringClaim("at_hash"))) {
            throw new AssertionError("at_hash " + claims.getStringClaim("at_hash") + " is not " + expected);
        }
        if (nonce == null && claims.getClaim("nonce") != null) {
            throw new AssertionError("a nonce nobody sent: " + claims.getClaim("nonce"));
        }
        return claims;
    }

    static String atHash(String accessToken, String hash) throws Exception {
        byte[] digest = MessageDigest.getInstance(hash).digest(accessToken.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, digest.length / 2));
    }
}
