package dev.gatehouse.adapter.out.security;

import dev.gatehouse.application.port.out.AccessTokens;
import dev.gatehouse.application.service.RotateSigningKeysService;
import dev.gatehouse.application.testing.AccessTokensContract;
import dev.gatehouse.application.testing.InMemorySigningKeyRepository;
import dev.gatehouse.application.testing.RecordingAuditLog;
import dev.gatehouse.domain.KeyRotationPolicy;
import dev.gatehouse.domain.SigningAlgorithm;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Nested;

/** The access-token contract in every signing mode. */
class JwtAccessTokensTest {

    private static JwtSettings settings(Duration lifetime) {
        return new JwtSettings("gatehouse-test", "gatehouse-test", JwtSettings.randomSecret(), lifetime,
                JwtSettings.DEFAULT_CLOCK_SKEW);
    }

    /** Each call is a deployment of its own: its own key store, so it must refuse the other's tokens. */
    private static AccessTokens rotating(SigningAlgorithm algorithm, Clock clock, Duration lifetime) {
        InMemorySigningKeyRepository keys = new InMemorySigningKeyRepository();
        KeyRotationPolicy policy = new KeyRotationPolicy(Duration.ofDays(30), Duration.ofHours(1),
                lifetime.plus(JwtSettings.DEFAULT_CLOCK_SKEW));
        new RotateSigningKeysService(keys, policy, algorithm, new RecordingAuditLog(), clock).rotate();
        return new JwtAccessTokens(settings(lifetime), keys, policy, clock);
    }

    @Nested
    class Hs256 extends AccessTokensContract {
        @Override
        protected AccessTokens newAccessTokens(Clock clock, Duration lifetime) {
            return new JwtAccessTokens(settings(lifetime), clock);
        }
    }

    @Nested
    class Es256 extends AccessTokensContract {
        @Override
        protected AccessTokens newAccessTokens(Clock clock, Duration lifetime) {
            return rotating(SigningAlgorithm.ES256, clock, lifetime);
        }
    }

    @Nested
    class Rs256 extends AccessTokensContract {
        @Override
        protected AccessTokens newAccessTokens(Clock clock, Duration lifetime) {
            return rotating(SigningAlgorithm.RS256, clock, lifetime);
        }
    }

    @Nested
    class EdDsa extends AccessTokensContract {
        @Override
        protected AccessTokens newAccessTokens(Clock clock, Duration lifetime) {
            return rotating(SigningAlgorithm.EdDSA, clock, lifetime);
        }
    }
}
