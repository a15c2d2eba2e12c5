package dev.gatehouse.bench;

import dev.gatehouse.application.port.out.AccessTokenClaims;
import dev.gatehouse.application.port.out.AccessTokens;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.KnownDevices;
import dev.gatehouse.application.testing.FastPasswordHasher;
import dev.gatehouse.domain.AccessToken;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Users and tokens for the benchmarks, and three stateless stand-ins for test fakes that remember every call.
 *
 * <p>{@code RecordingAuditLog} appends to a copy-on-write list (each event copies all earlier ones), and
 * {@code InMemoryAccessTokens} and {@code InMemoryKnownDevices} keep every token and device they hand out. Over the
 * millions of logins of a benchmark run they would grow without bound, and the benchmark would measure that growth
 * and the garbage collector instead of the use case. The stand-ins below do what those fakes do per call minus the
 * remembering.
 */
final class Fixtures {

    private Fixtures() {
    }

    /** An active user whose password hash is a placeholder (for token and current-user benchmarks). */
    static User activeUser(String name) {
        return User.register(new Username(name), new PasswordHash("$placeholder$not-a-real-hash"), null, null, Instant.now());
    }

    /** An active user whose stored hash matches {@code password} under {@code hasher}. */
    static User activeUser(String name, PlainPassword password, FastPasswordHasher hasher) {
        return User.register(new Username(name), hasher.hash(password), null, null, Instant.now());
    }

    /**
     * The same token with the first character of its signature changed: still three segments of canonical,
     * unpadded base64url (the first character's bits are all significant), so only the MAC comparison refuses it.
     */
    static String withForgedSignature(String token) {
        int signature = token.lastIndexOf('.') + 1;
        char first = token.charAt(signature);
        char other = first == 'A' ? 'B' : 'A';
        return token.substring(0, signature) + other + token.substring(signature + 1);
    }

    /** Counts events and keeps the last one, so tear-downs can check which path ran; never grows. */
    static final class DiscardingAuditLog implements AuditLog {

        private long count;
        private AuditEvent last;

        @Override
        public void record(AuditEvent event) {
            count++;
            last = event;
        }

        long count() {
            return count;
        }

        Optional<AuditEvent.Type> lastType() {
            return Optional.ofNullable(last).map(AuditEvent::type);
        }
    }

    /** Opaque tokens like {@code InMemoryAccessTokens} issues (a random id, the clock's time), not remembered. */
    static final class UnrememberedAccessTokens implements AccessTokens {

        private final Clock clock;
        private final Duration lifetime;

        UnrememberedAccessTokens(Clock clock, Duration lifetime) {
            this.clock = clock;
            this.lifetime = lifetime;
        }

        @Override
        public AccessToken issue(User user, Set<Scope> scopes) {
            Instant now = clock.instant();
            return new AccessToken("opaque-" + UUID.randomUUID(), now, now.plus(lifetime), scopes);
        }

        @Override
        public Optional<AccessTokenClaims> verify(String token) {
            return Optional.empty();
        }
    }

    /** Device credentials like {@code InMemoryKnownDevices} hands out (random), not remembered, never recognised. */
    static final class UnrememberedKnownDevices implements KnownDevices {

        @Override
        public String enrol(Username username) {
            UUID deviceId = UUID.randomUUID(); // InMemoryKnownDevices draws a device id and a credential
            return "device-" + UUID.randomUUID() + (deviceId.version() == 4 ? "" : deviceId.toString());
        }

        @Override
        public Optional<String> recognise(String credential, Username username) {
            return Optional.empty();
        }
    }
}
