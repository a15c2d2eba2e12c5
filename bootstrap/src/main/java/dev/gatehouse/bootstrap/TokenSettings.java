package dev.gatehouse.bootstrap;

import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.RefreshPolicy;
import dev.gatehouse.domain.ScopePolicy;
import dev.gatehouse.domain.SecondFactorRequirement;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the tokens Gatehouse issues say and how long they and their sessions live: the secret every key is derived
 * from (empty for a demo or a command that needs none), {@code iss} and {@code aud} (plus each client's own
 * audiences), the access-token lifetime and the clock skew tolerated, how tokens are signed, the refresh policy of
 * sessions, and the scopes users and roles may be granted.
 */
public record TokenSettings(Optional<byte[]> secret, String issuer, String audience, Map<ClientId, List<String>> clientAudiences,
                            Duration lifetime, Duration clockSkew, TokenSigning signing, RefreshPolicy refreshPolicy,
                            ScopePolicy scopePolicy, SecondFactorRequirement secondFactorRequirement) {

    public TokenSettings {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
        clientAudiences = Collections.unmodifiableMap(new LinkedHashMap<>(clientAudiences));
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(signing, "signing");
        Objects.requireNonNull(refreshPolicy, "refreshPolicy");
        Objects.requireNonNull(scopePolicy, "scopePolicy");
        Objects.requireNonNull(secondFactorRequirement, "secondFactorRequirement");
    }

    /** Never the secret itself. */
    @Override
    public String toString() {
        return "TokenSettings[secret=" + (secret.isPresent() ? "configured" : "random") + ", issuer=" + issuer
                + ", audience=" + audience + ", clientAudiences=" + clientAudiences + ", lifetime=" + lifetime
                + ", clockSkew=" + clockSkew + ", signing=" + signing + ", refreshPolicy=" + refreshPolicy
                + ", scopePolicy=" + scopePolicy + "]";
    }
}
