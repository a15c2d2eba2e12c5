package dev.gatehouse.application.testing;

import dev.gatehouse.application.assembly.DrivenPorts;
import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.application.port.out.UserRepository;
import java.time.Clock;
import java.time.Duration;

/**
 * The driven ports of a test's assembly over this package's fakes: a {@link DrivenPorts.Builder} with every required
 * port set, so a test names only the ports it holds on to or replaces, and leaves the builder's defaults to the rest.
 */
public final class InMemoryDrivenPorts {

    private InMemoryDrivenPorts() {
    }

    /**
     * {@code users} as both stores of users (no cache between them), {@code hasher} for logins and registrations alike,
     * access tokens that live 15 minutes on {@code clock}, passwords of at least 8 characters, no client registered,
     * an empty password directory, and a fresh fake for every other required port (the resets and the outbox apart).
     */
    public static DrivenPorts.Builder builder(UserRepository users, PasswordHasher hasher, Clock clock) {
        return DrivenPorts.builder()
                .users(users)
                .cachedUsers(users)
                .passwordHasher(hasher)
                .registrationHasher(hasher)
                .passwordDirectory(new InMemoryPasswordDirectory())
                .passwordPolicy(new MinimumLengthPasswordPolicy(8))
                .accessTokens(new InMemoryAccessTokens(clock, Duration.ofMinutes(15)))
                .refreshTokens(new InMemoryRefreshTokens())
                .revokedAccessTokens(new InMemoryRevokedAccessTokens())
                .loginThrottle(new InMemoryLoginThrottle())
                .knownDevices(new InMemoryKnownDevices())
                .auditLog(new RecordingAuditLog())
                .signingKeys(new InMemorySigningKeyRepository())
                .clients(new InMemoryClientRegistry())
                .passwordResets(new InMemoryPasswordResets())
                .mailOutbox(new InMemoryMailOutbox())
                .mailer(new RecordingMailer())
                .clock(clock);
    }
}
