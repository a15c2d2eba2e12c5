package dev.gatehouse.adapter.out.security;

import dev.gatehouse.domain.ClientId;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * How {@link JwtAccessTokens} signs and checks tokens: issuer and audience claims, the HS256 secret (at least
 * 32 bytes), the token lifetime and the clock skew tolerated when checking time claims, and the audiences each
 * client's tokens name besides {@code audience} (the resource servers that client calls). The secret is copied
 * in and out and never appears in {@link #toString()}.
 */
public record JwtSettings(String issuer, String audience, byte[] secret, Duration lifetime, Duration clockSkew,
                          Map<ClientId, List<String>> clientAudiences) {

    /**
     * The {@code client_id} of a token issued to no registered client (RFC 9068 requires the claim in every access
     * token); read back as "no client". No registered client may take this id.
     */
    public static final String DEFAULT_CLIENT_ID = "gatehouse-default-client";

    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(15);
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);

    /** HS256 needs a key at least as long as its output (RFC 7518 section 3.2). */
    public static final int MIN_SECRET_BYTES = 32;
    public static final Duration MAX_LIFETIME = Duration.ofHours(24);
    public static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(60);

    /** No client with audiences of its own. */
    public JwtSettings(String issuer, String audience, byte[] secret, Duration lifetime, Duration clockSkew) {
        this(issuer, audience, secret, lifetime, clockSkew, Map.of());
    }

    public JwtSettings {
        requireText(issuer, "issuer");
        requireText(audience, "audience");
        Objects.requireNonNull(clientAudiences, "clientAudiences");
        clientAudiences = clientAudiences.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, entry -> List.copyOf(entry.getValue())));
        clientAudiences.values().forEach(audiences -> audiences.forEach(each -> requireText(each, "client audience")));
        Objects.requireNonNull(secret, "JWT secret must not be null");
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("JWT secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        secret = secret.clone();
        Objects.requireNonNull(lifetime, "JWT lifetime must not be null");
        // Token times are whole seconds (JWT NumericDate); a fractional lifetime could not be represented.
        if (lifetime.compareTo(Duration.ofSeconds(1)) < 0 || lifetime.compareTo(MAX_LIFETIME) > 0 || lifetime.getNano() != 0) {
            throw new IllegalArgumentException("JWT lifetime must be whole seconds, at least 1 second and at most 24 hours");
        }
        Objects.requireNonNull(clockSkew, "JWT clock skew must not be null");
        if (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new IllegalArgumentException("JWT clock skew must be between 0 and 60 seconds");
        }
    }

    /** A fresh 32-byte secret from {@link SecureRandom}: right for one process, useless across restarts. */
    public static byte[] randomSecret() {
        byte[] secret = new byte[MIN_SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    /** A copy, so callers cannot change the key in use. */
    @Override
    public byte[] secret() {
        return secret.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JwtSettings that
                && issuer.equals(that.issuer)
                && audience.equals(that.audience)
                && MessageDigest.isEqual(secret, that.secret)
                && lifetime.equals(that.lifetime)
                && clockSkew.equals(that.clockSkew)
                && clientAudiences.equals(that.clientAudiences);
    }

    /** Leaves the secret out: a hash code of a key is a small leak for no gain. */
    @Override
    public int hashCode() {
        return Objects.hash(issuer, audience, lifetime, clockSkew, clientAudiences);
    }

    @Override
    public String toString() {
        return "JwtSettings[issuer=" + issuer + ", audience=" + audience + ", secret=[redacted], lifetime=" + lifetime
                + ", clockSkew=" + clockSkew + ", clientAudiences=" + clientAudiences + "]";
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, "JWT " + name + " must not be null");
        if (value.isBlank()) {
            throw new IllegalArgumentException("JWT " + name + " must not be blank");
        }
    }
}
