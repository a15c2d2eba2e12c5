package dev.gatehouse.bench;

import dev.gatehouse.application.assembly.DrivenPorts;
import dev.gatehouse.application.assembly.Policies;
import dev.gatehouse.application.service.UseCases;
import dev.gatehouse.application.port.out.KnownDevices;
import dev.gatehouse.application.port.out.PasswordDirectory;
import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.application.port.out.RefreshTokens;
import dev.gatehouse.application.port.out.UserRepository;
import dev.gatehouse.domain.LoginProtection;
import dev.gatehouse.domain.RefreshPolicy;
import dev.gatehouse.domain.Retention;
import dev.gatehouse.domain.ScopePolicy;

import dev.gatehouse.adapter.out.persistence.CachingSigningKeyRepository;
import dev.gatehouse.adapter.out.security.JwtAccessTokens;
import dev.gatehouse.adapter.out.security.JwtSettings;
import dev.gatehouse.application.port.out.AccessTokenClaims;
import dev.gatehouse.application.port.out.AccessTokens;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.KnownDevices;
import dev.gatehouse.application.port.out.RefreshTokens;
import dev.gatehouse.application.service.RotateSigningKeysService;
import dev.gatehouse.application.testing.FastPasswordHasher;
import dev.gatehouse.application.testing.InMemoryDrivenPorts;
import dev.gatehouse.application.testing.InMemorySigningKeyRepository;
import dev.gatehouse.domain.AccessToken;
import dev.gatehouse.domain.AuditEvent;
import dev.gatehouse.domain.ClientId;
import dev.gatehouse.domain.KeyRotationPolicy;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.RefreshSession;
import dev.gatehouse.domain.RefreshToken;
import dev.gatehouse.domain.RefreshTokenHash;
import dev.gatehouse.domain.Scope;
import dev.gatehouse.domain.SessionId;
import dev.gatehouse.domain.SigningAlgorithm;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.UserId;
import dev.gatehouse.domain.Username;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Users and token adapters for the benchmarks, and four stateless stand-ins for test fakes that remember every call.
 *
 * <p>{@code RecordingAuditLog} appends to a copy-on-write list (each event copies all earlier ones), and
 * {@code InMemoryAccessTokens}, {@code InMemoryKnownDevices} and {@code InMemoryRefreshTokens} keep every token,
 * device and session they hand out. Over the
 * millions of logins of a benchmark run they would grow without bound, and the benchmark would measure that growth
 * and the garbage collector instead of the use case. The stand-ins below do what those fakes do per call minus the
 * remembering.
 */
final class Fixtures {

    /** The JWS algorithms {@link #jwtAccessTokens} builds tokens for: HS256 and each {@link SigningAlgorithm}. */
    static final String HS256 = "HS256";

    private Fixtures() {
    }

    /**
     * The production {@link JwtAccessTokens} for {@code algorithm}, wired as the service wires it: {@code HS256}
     * with {@code secret}; otherwise keys of that {@link SigningAlgorithm} in a {@link CachingSigningKeyRepository}
     * (here over an in-memory store instead of the database), rotated once so that one key signs from now on,
     * with the default rotation schedule ({@code TokenSigning}'s 30 days and 1 hour).
     */
    static JwtAccessTokens jwtAccessTokens(String algorithm, byte[] secret, Clock clock) {
        JwtSettings settings = new JwtSettings("gatehouse", "gatehouse", secret, JwtSettings.DEFAULT_LIFETIME,
                JwtSettings.DEFAULT_CLOCK_SKEW);
        if (HS256.equals(algorithm)) {
            return new JwtAccessTokens(settings, clock);
        }
        SigningAlgorithm asymmetric = SigningAlgorithm.fromJoseName(algorithm)
                .orElseThrow(() -> new IllegalArgumentException("unknown JWS algorithm " + algorithm));
        KeyRotationPolicy policy = new KeyRotationPolicy(Duration.ofDays(30), Duration.ofHours(1),
                JwtSettings.DEFAULT_LIFETIME.plus(JwtSettings.DEFAULT_CLOCK_SKEW));
        CachingSigningKeyRepository keys = new CachingSigningKeyRepository(new InMemorySigningKeyRepository());
        new RotateSigningKeysService(keys, policy, asymmetric, new DiscardingAuditLog(), clock).rotate();
        Checks.require(keys.findAll().size() == 1 && keys.findAll().getFirst().algorithm() == asymmetric,
                "the rotation did not create exactly one " + algorithm + " key");
        return new JwtAccessTokens(settings, keys, policy, clock);
    }

    /**
     * The use cases of the one assembly ({@code UseCases}, as production builds them) over these adapters and
     * in-memory fakes for the ports a benchmark does not measure, under the default policies.
     */
    static UseCases useCases(UserRepository users, PasswordHasher hasher, AccessTokens tokens, RefreshTokens sessions,
                             KnownDevices devices, AuditLog audit, Clock clock) {
        DrivenPorts ports = InMemoryDrivenPorts.builder(users, hasher, clock)
                .passwordDirectory(PasswordDirectory.none())
                .accessTokens(tokens)
                .refreshTokens(sessions)
                .knownDevices(devices)
                .auditLog(audit)
                .build();
        return new UseCases(ports, new Policies(LoginProtection.DEFAULT, ScopePolicy.DEFAULT, RefreshPolicy.DEFAULT,
                new Retention(Duration.ofDays(1), Duration.ofDays(30), Duration.ofMinutes(1), Duration.ofDays(365)), Optional.empty()));
    }

    /** The {@code alg} in a token's header, so set-ups can check that they sign with the algorithm they name. */
    static String algorithmOf(String token) {
        String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8);
        Matcher alg = Pattern.compile("\"alg\"\\s*:\\s*\"([^\"]*)\"").matcher(header);
        Checks.require(alg.find(), "no alg in the token header " + header);
        return alg.group(1);
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
     * unpadded base64url (the first character's bits are all significant), so only the signature check refuses it.
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

        @Override
        public int forgetBefore(Instant cutoff) {
            return 0;
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
        public AccessToken issue(User user, Set<Scope> scopes, SessionId session, Optional<ClientId> client,
                                 Optional<dev.gatehouse.domain.Audience> resource) {
            Instant now = clock.instant();
            return new AccessToken("opaque-" + UUID.randomUUID(), now, now.plus(lifetime), scopes);
        }

        @Override
        public AccessToken issueForClient(ClientId client, Set<Scope> scopes, Optional<dev.gatehouse.domain.Audience> resource) {
            Instant now = clock.instant();
            return new AccessToken("opaque-client-" + UUID.randomUUID(), now, now.plus(lifetime), scopes);
        }

        @Override
        public Optional<AccessTokenClaims> verify(String token) {
            return Optional.empty();
        }

        @Override
        public Optional<dev.gatehouse.application.port.out.ClientTokenClaims> verifyClientToken(String token) {
            return Optional.empty();
        }

        @Override
        public Instant acceptedAtMostUntil(Instant issuedBy) {
            return issuedBy.plus(lifetime);
        }
    }

    /** Device credentials like {@code InMemoryKnownDevices} hands out (random), not remembered, never recognised. */
    static final class UnrememberedKnownDevices implements KnownDevices {

        @Override
        public String enrol(User user) {
            UUID deviceId = UUID.randomUUID(); // InMemoryKnownDevices draws a device id and a credential
            return "device-" + UUID.randomUUID() + (deviceId.version() == 4 ? "" : deviceId.toString());
        }

        @Override
        public Optional<String> recognise(String credential, User user) {
            return Optional.empty();
        }
    }

    /**
     * Sessions like {@code InMemoryRefreshTokens} stores them, not remembered: starting one keeps only the last
     * session (for checks); nothing is ever found, so nothing can be exchanged or revoked.
     */
    static final class UnrememberedRefreshTokens implements RefreshTokens {

        private long started;
        private RefreshSession last;

        @Override
        public void start(RefreshSession session, RefreshTokenHash first, Instant issuedAt) {
            started++;
            last = session;
        }

        long started() {
            return started;
        }

        Optional<RefreshSession> last() {
            return Optional.ofNullable(last);
        }

        @Override
        public Optional<RefreshToken> find(RefreshTokenHash hash) {
            return Optional.empty();
        }

        @Override
        public boolean rotate(RefreshTokenHash used, RefreshTokenHash next, Instant at) {
            return false;
        }

        @Override
        public boolean revoke(SessionId session, Instant at) {
            return false;
        }

        @Override
        public int revokeAllOf(UserId user, Instant at) {
            return 0;
        }

        @Override
        public int revokeAllOfClient(dev.gatehouse.domain.ClientId client, Instant at) {
            return 0;
        }

        @Override
        public int forgetEndedBefore(Instant cutoff) {
            return 0;
        }

        @Override
        public java.util.List<dev.gatehouse.application.port.out.SessionActivity> activeOf(UserId user) {
            return java.util.List.of();
        }

        @Override
        public boolean revokeOwn(UserId owner, SessionId session, Instant at) {
            return false;
        }
    }
}
