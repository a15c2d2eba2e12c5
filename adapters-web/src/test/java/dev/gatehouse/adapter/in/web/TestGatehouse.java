package dev.gatehouse.adapter.in.web;

import dev.gatehouse.application.testing.RecordingMailer;
import dev.gatehouse.application.testing.InMemoryEmailVerifications;
import dev.gatehouse.application.testing.InMemoryPasswordResets;
import dev.gatehouse.application.assembly.Policies;
import dev.gatehouse.application.service.UseCases;
import dev.gatehouse.domain.Retention;
import java.util.Optional;

import dev.gatehouse.adapter.out.security.HmacKnownDevices;
import dev.gatehouse.adapter.out.security.RfcTotp;
import dev.gatehouse.adapter.out.security.HmacSeals;

import dev.gatehouse.adapter.out.security.JwtSettings;

import dev.gatehouse.adapter.out.security.JwtAccessTokens;

import dev.gatehouse.application.service.RotateSigningKeysService;
import dev.gatehouse.application.testing.FastPasswordHasher;
import dev.gatehouse.application.testing.InMemoryAssertionReplays;
import dev.gatehouse.application.testing.InMemoryClientAssertions;
import dev.gatehouse.application.testing.InMemoryAuthorizationCodes;
import dev.gatehouse.application.testing.InMemoryClientRegistry;
import dev.gatehouse.application.testing.InMemoryDrivenPorts;
import dev.gatehouse.application.testing.InMemoryLoginThrottle;
import dev.gatehouse.application.testing.InMemoryPasswordDirectory;
import dev.gatehouse.application.testing.InMemoryRefreshTokens;
import dev.gatehouse.application.testing.InMemoryRevokedAccessTokens;
import dev.gatehouse.application.testing.InMemorySigningKeyRepository;
import dev.gatehouse.application.testing.InMemoryUserRepository;
import dev.gatehouse.application.testing.InMemoryTwoFactorCredentials;
import dev.gatehouse.application.testing.InMemoryMfaChallenges;
import dev.gatehouse.application.testing.MutableClock;
import dev.gatehouse.application.testing.RecordingAuditLog;
import dev.gatehouse.domain.AccountBackoff;
import dev.gatehouse.domain.ClientBudget;
import dev.gatehouse.domain.DirectoryEntry;
import dev.gatehouse.domain.EmailAddress;
import dev.gatehouse.domain.EmailVerificationMode;
import dev.gatehouse.domain.FullName;
import dev.gatehouse.domain.KeyRotationPolicy;
import dev.gatehouse.domain.LoginProtection;
import dev.gatehouse.domain.PasswordHash;
import dev.gatehouse.domain.PlainPassword;
import dev.gatehouse.domain.RefreshPolicy;
import dev.gatehouse.domain.ScopePolicy;
import dev.gatehouse.domain.SigningAlgorithm;
import dev.gatehouse.domain.User;
import dev.gatehouse.domain.Username;
import java.time.Duration;
import java.time.Instant;

/**
 * The real services over in-memory ports and the real JWT and known-device adapters, on a clock tests can move.
 * Tokens are signed as production signs them by default: RS256 keys from a signing-key store, rotated once at
 * start (or, with {@link #TestGatehouse(SigningAlgorithm)}, another algorithm); the known devices are keyed from
 * the secret, as production keys them from {@code GATEHOUSE_JWT_SECRET}.
 */
final class TestGatehouse {

    static final String ISSUER = "gatehouse-test";
    /** What the in-memory client assertions must name as {@code aud}; the JWT adapter's own is tested beside it. */
    static final String ASSERTION_AUDIENCE = "https://gatehouse-test/token";
    static final KeyRotationPolicy ROTATION = new KeyRotationPolicy(Duration.ofDays(30), Duration.ofHours(1),
            JwtSettings.DEFAULT_LIFETIME.plus(JwtSettings.DEFAULT_CLOCK_SKEW));
    /** Housekeeping is not exercised over HTTP; any retention serves. */
    static final Retention RETENTION = new Retention(Duration.ofDays(1), Duration.ofDays(30), Duration.ofMinutes(1), Duration.ofDays(365));

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    final InMemoryUserRepository users = new InMemoryUserRepository();
    final FastPasswordHasher hasher = new FastPasswordHasher();
    /** Keeps the passwords of the accounts {@link #addDirectoryUser} stores. */
    final InMemoryPasswordDirectory directory = new InMemoryPasswordDirectory();
    final InMemoryLoginThrottle throttle = new InMemoryLoginThrottle();
    final RecordingAuditLog audit = new RecordingAuditLog();
    final InMemoryRefreshTokens sessions = new InMemoryRefreshTokens();
    final InMemoryRevokedAccessTokens revokedAccessTokens = new InMemoryRevokedAccessTokens();
    final InMemoryAuthorizationCodes codes = new InMemoryAuthorizationCodes();
    final dev.gatehouse.application.testing.InMemoryBrowserSessionRegistry browserSessions =
            new dev.gatehouse.application.testing.InMemoryBrowserSessionRegistry();
    /** Empty: client authentication off. Register clients before the first request, and route with client authentication. */
    final InMemoryClientRegistry clients = new InMemoryClientRegistry();
    /** The clients registered as data (with {@code /admin/clients}); none at first. */
    final dev.gatehouse.application.testing.InMemoryClientRepository clientRepository =
            new dev.gatehouse.application.testing.InMemoryClientRepository();
    final InMemoryPasswordResets resets = new InMemoryPasswordResets(users);
    final RecordingMailer mailer = new RecordingMailer();
    /** Verification links, stored with the users and the reset links' outbox. */
    final InMemoryEmailVerifications verifications = new InMemoryEmailVerifications(users, resets.outbox());
    private final byte[] secret = JwtSettings.randomSecret();
    final InMemorySigningKeyRepository signingKeys = new InMemorySigningKeyRepository();
    final RotateSigningKeysService rotation;
    final JwtAccessTokens tokens;
    final HmacKnownDevices devices = new HmacKnownDevices(secret, HmacKnownDevices.DEFAULT_LIFETIME, clock);
    final InMemoryTwoFactorCredentials twoFactor = new InMemoryTwoFactorCredentials();
    final WebUseCases useCases;

    TestGatehouse() {
        this(SigningAlgorithm.RS256);
    }

    TestGatehouse(SigningAlgorithm algorithm) {
        this(algorithm, EmailVerificationMode.OFF);
    }

    /** With email verification {@code verification}. */
    TestGatehouse(EmailVerificationMode verification) {
        this(SigningAlgorithm.RS256, verification);
    }

    TestGatehouse(SigningAlgorithm algorithm, EmailVerificationMode verification) {
        rotation = new RotateSigningKeysService(signingKeys, ROTATION, algorithm, audit, clock);
        Policies policies = new Policies(LoginProtection.DEFAULT, ScopePolicy.DEFAULT, RefreshPolicy.DEFAULT, RETENTION,
                Optional.of(new Policies.KeySigning(algorithm, ROTATION))).withEmailVerification(verification);
        rotation.rotate();
        JwtSettings jwtSettings = new JwtSettings(ISSUER, ISSUER, secret, JwtSettings.DEFAULT_LIFETIME,
                JwtSettings.DEFAULT_CLOCK_SKEW);
        tokens = new JwtAccessTokens(jwtSettings, signingKeys, ROTATION, clock);
        UseCases assembled = new UseCases(InMemoryDrivenPorts.builder(users, hasher, clock)
                .passwordDirectory(directory)
                .accessTokens(tokens)
                .refreshTokens(sessions)
                .revokedAccessTokens(revokedAccessTokens)
                .loginThrottle(throttle)
                .knownDevices(devices)
                .auditLog(audit)
                .signingKeys(signingKeys)
                .clients(clients)
                .passwordResets(resets)
                .mailOutbox(resets.outbox())
                .mailer(mailer)
                .clientAssertions(new InMemoryClientAssertions(clock, ASSERTION_AUDIENCE), new InMemoryAssertionReplays())
                .authorizationCodeFlow(codes, new HmacSeals(secret))
                .browserSessionRegistry(browserSessions)
                .emailVerifications(verifications)
                .twoFactor(twoFactor, new InMemoryMfaChallenges(), new RfcTotp())
                .idTokens(new dev.gatehouse.adapter.out.security.JwtIdTokens(jwtSettings, signingKeys, ROTATION, clock))
                .clientRepository(clientRepository)
                .consents(new dev.gatehouse.application.testing.InMemoryConsents())
                .build(),
                policies);
        useCases = webUseCases(assembled);
    }

    /** The HTTP adapter's use cases from the one assembly, as bootstrap takes them. */
    static WebUseCases webUseCases(UseCases useCases) {
        return new WebUseCases(useCases.logIn(), useCases.registerUser(), useCases.currentUser(), useCases.refreshToken(),
                useCases.revokeToken(), useCases.logOut(), useCases.changePassword(), useCases.publishedKeys(),
                new WebUseCases.Administration(useCases.searchUsers(), useCases.showUser(), useCases.setUserEnabled(),
                        useCases.unlockUser(), useCases.changeUserRole(), useCases.endUserSessions(),
                        useCases.sendPasswordReset()),
                useCases.introspectToken(),
                new WebUseCases.PasswordReset(useCases.requestPasswordReset(), useCases.confirmPasswordReset()),
                useCases.clientCredentialsGrant(),
                new WebUseCases.AuthorizationCode(useCases.startAuthorization(), useCases.signIn(),
                        useCases.redeemAuthorizationCode()),
                new WebUseCases.EmailVerification(useCases.emailVerificationMode(), useCases.requestEmailVerification(),
                        useCases.confirmEmailVerification(), useCases.changeEmail()),
                new WebUseCases.TwoFactor(useCases.startTwoFactor(), useCases.confirmTwoFactor(), useCases.removeTwoFactor(),
                        useCases.regenerateRecoveryCodes(), useCases.mfaLogIn(), useCases.resetTwoFactor()),
                useCases.userInfo(),
                new WebUseCases.ClientAdministration(useCases.registerClient(), useCases.listClients(), useCases.showClient(),
                        useCases.removeClient(), useCases.rotateClientSecret(), useCases.clientsRegistered()),
                useCases.answerConsent(), useCases.signInWithCode(),
                new WebUseCases.Account(useCases.showAccount(), useCases.endSession(), useCases.revokeConsent()),
                useCases.endBrowserSession());
    }

    /** Stores an active user directly, bypassing HTTP. */
    User addUser(String username, String password, String email, String fullName) {
        User user = User.register(new Username(username), hasher.hash(new PlainPassword(password)),
                email == null ? null : new EmailAddress(email), fullName == null ? null : new FullName(fullName),
                clock.instant());
        users.add(user);
        return user;
    }

    /** Stores an active user whose password the directory keeps, under an entry of the same name. */
    User addDirectoryUser(String username, String password) {
        DirectoryEntry entry = new DirectoryEntry(username);
        directory.add(entry, new PlainPassword(password));
        User user = User.register(new Username(username), PasswordHash.inDirectory(entry), null, null, clock.instant());
        users.add(user);
        return user;
    }

    void disable(User user) {
        users.change(user.id(), stored -> stored.disable());
    }

    /**
     * Moves the clock past every backoff, client window and quiet period, so failed logins of earlier tests
     * neither throttle nor count any more.
     */
    void forgetFailedLogins() {
        AccountBackoff accounts = LoginProtection.DEFAULT.accounts();
        ClientBudget clients = LoginProtection.DEFAULT.clients();
        clock.advance(max(accounts.quietPeriod(), clients.window()).plusSeconds(1));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
