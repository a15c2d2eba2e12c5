package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.StandardClaims;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What an OpenID Connect ID token asserts (OpenID Connect Core 1.0 section 2): about whom, with which claims about
 * them ({@code claims.subject()} is {@code sub}), for which client ({@code aud} and {@code azp}), when the person
 * signed in ({@code auth_time}), and the {@code nonce} the client bound to its request, if it sent one. The issuer,
 * the times of issue and expiry and {@code at_hash} are the signer's.
 */
public record IdTokenClaims(StandardClaims claims, ClientId audience, Instant authTime, Optional<String> nonce) {

    public IdTokenClaims {
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(authTime, "authTime");
        Objects.requireNonNull(nonce, "nonce");
    }
}
