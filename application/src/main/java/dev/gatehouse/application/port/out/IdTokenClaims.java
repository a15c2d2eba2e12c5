package dev.gatehouse.application.port.out;

import dev.gatehouse.domain.BrowserSessionId;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.StandardClaims;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What an OpenID Connect ID token asserts (OpenID Connect Core 1.0 section 2): about whom, with which claims about
 * them ({@code claims.subject()} is {@code sub}), for which client ({@code aud} and {@code azp}), when the person
 * signed in ({@code auth_time}), the {@code nonce} the client bound to its request, if it sent one, and the browser
 * session it came from ({@code sid}, OpenID Connect RP-Initiated Logout), if any. The issuer,
 * the times of issue and expiry and {@code at_hash} are the signer's.
 */
public record IdTokenClaims(StandardClaims claims, ClientId audience, Instant authTime, Optional<String> nonce,
                            Optional<BrowserSessionId> sid) {

    public IdTokenClaims {
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(authTime, "authTime");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(sid, "sid");
    }

    /** Claims of a token not tied to a browser session that can be logged out of. */
    public IdTokenClaims(StandardClaims claims, ClientId audience, Instant authTime, Optional<String> nonce) {
        this(claims, audience, authTime, nonce, Optional.empty());
    }
}
