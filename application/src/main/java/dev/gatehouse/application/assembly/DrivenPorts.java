package dev.gatehouse.application.assembly;

import dev.gatehouse.application.port.out.AccessTokens;
import dev.gatehouse.application.port.out.AssertionReplays;
import dev.gatehouse.application.port.out.AuditLog;
import dev.gatehouse.application.port.out.AuthorizationCodes;
import dev.gatehouse.application.port.out.BrowserSessionRegistry;
import dev.gatehouse.application.port.out.ClientAssertions;
import dev.gatehouse.application.port.out.ClientRegistry;
import dev.gatehouse.application.port.out.Consents;
import dev.gatehouse.application.port.out.EmailVerifications;
import dev.gatehouse.application.port.out.IdTokens;
import dev.gatehouse.application.port.out.ClientRepository;
import dev.gatehouse.application.port.out.KnownDevices;
import dev.gatehouse.application.port.out.LoginThrottle;
import dev.gatehouse.application.port.out.MailOutbox;
import dev.gatehouse.application.port.out.Mailer;
import dev.gatehouse.application.port.out.MfaChallenges;
import dev.gatehouse.application.port.out.OneTimePasswords;
import dev.gatehouse.application.port.out.PasswordDirectory;
import dev.gatehouse.application.port.out.PasswordHasher;
import dev.gatehouse.application.port.out.PasswordPolicy;
import dev.gatehouse.application.port.out.PasswordResets;
import dev.gatehouse.application.port.out.RefreshTokens;
import dev.gatehouse.application.port.out.RevokedAccessTokens;
import dev.gatehouse.application.port.out.Seals;
import dev.gatehouse.application.port.out.SigningKeyRepository;
import dev.gatehouse.application.port.out.TwoFactorCredentials;
import dev.gatehouse.application.port.out.UserRepository;
import java.time.Clock;
import java.util.Objects;

/**
 * Everything the application drives, in one place: production passes the real adapters, tests and the
 * in-process acceptance glue pass in-memory ones. {@code cachedUsers} are the same users read through a cache
 * kept fresh across instances; only the token check reads them, because log-in must take as long for a
 * cached user as for an unknown one. {@code signingKeys} are the keys that sign access tokens (unused in HS256 mode).
 * {@code clients} are the registered client applications; none turns client authentication off.
 * {@code clientAssertions} verify the signed assertions of clients that authenticate with {@code private_key_jwt}, and
 * {@code assertionReplays} make each assertion single-use across instances.
 * {@code registrationHasher} is the hasher registrations use: the same capacity, of which they may hold only part, so
 * a registration flood cannot starve logins (in-memory assemblies pass the one hasher twice).
 * {@code passwordDirectory} checks the passwords of the accounts that an external directory keeps; deployments without
 * one pass {@link PasswordDirectory#none()}. {@code passwordResets} and {@code mailOutbox} live in the same store (a
 * link and its mail are stored together); {@code mailer} sends what the outbox holds. {@code authorizationCodes} keep
 * the codes of the authorization code flow until their one redemption, and {@code seals} seal what a browser carries
 * back (the sign-in form's token, the browser session). {@code emailVerifications} keep the links that prove an email
 * address, in the store of the users and the outbox (a new account, its link and their mail are stored together).
 * {@code twoFactorCredentials} keep each user's second factor, {@code mfaChallenges} the logins waiting for it and
 * {@code oneTimePasswords} check its codes; assemblies without them have no one enrolled. {@code idTokens} sign OpenID
 * Connect ID tokens with the published keys ({@link IdTokens#none()} where none are published). {@code clientRepository}
 * holds the clients registered as data (with the command line or the admin API), which the application sees beside
 * those of {@code clients}, the settings. {@code consents} remember what people allowed third-party clients
 * ({@link Consents#none()} remembers nothing, so such a client always asks). {@code browserSessionRegistry} knows
 * which browser sessions were logged out of and which sessions each started.
 */
public record DrivenPorts(
        UserRepository users,
        UserRepository cachedUsers,
        PasswordHasher passwordHasher,
        PasswordHasher registrationHasher,
        PasswordDirectory passwordDirectory,
        PasswordPolicy passwordPolicy,
        AccessTokens accessTokens,
        RefreshTokens refreshTokens,
        RevokedAccessTokens revokedAccessTokens,
        LoginThrottle loginThrottle,
        KnownDevices knownDevices,
        AuditLog auditLog,
        SigningKeyRepository signingKeys,
        ClientRegistry clients,
        PasswordResets passwordResets,
        MailOutbox mailOutbox,
        Mailer mailer,
        Clock clock,
        ClientAssertions clientAssertions,
        AssertionReplays assertionReplays,
        AuthorizationCodes authorizationCodes,
        Seals seals,
        EmailVerifications emailVerifications,
        TwoFactorCredentials twoFactorCredentials,
        MfaChallenges mfaChallenges,
        OneTimePasswords oneTimePasswords,
        IdTokens idTokens,
        ClientRepository clientRepository,
        Consents consents,
        BrowserSessionRegistry browserSessionRegistry) {

    public DrivenPorts {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(cachedUsers, "cachedUsers");
        Objects.requireNonNull(passwordHasher, "passwordHasher");
        Objects.requireNonNull(registrationHasher, "registrationHasher");
        Objects.requireNonNull(passwordDirectory, "passwordDirectory");
        Objects.requireNonNull(passwordPolicy, "passwordPolicy");
        Objects.requireNonNull(accessTokens, "accessTokens");
        Objects.requireNonNull(refreshTokens, "refreshTokens");
        Objects.requireNonNull(revokedAccessTokens, "revokedAccessTokens");
        Objects.requireNonNull(loginThrottle, "loginThrottle");
        Objects.requireNonNull(knownDevices, "knownDevices");
        Objects.requireNonNull(auditLog, "auditLog");
        Objects.requireNonNull(signingKeys, "signingKeys");
        Objects.requireNonNull(clients, "clients");
        Objects.requireNonNull(passwordResets, "passwordResets");
        Objects.requireNonNull(mailOutbox, "mailOutbox");
        Objects.requireNonNull(mailer, "mailer");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(clientAssertions, "clientAssertions");
        Objects.requireNonNull(assertionReplays, "assertionReplays");
        Objects.requireNonNull(authorizationCodes, "authorizationCodes");
        Objects.requireNonNull(seals, "seals");
        Objects.requireNonNull(emailVerifications, "emailVerifications");
        Objects.requireNonNull(twoFactorCredentials, "twoFactorCredentials");
        Objects.requireNonNull(mfaChallenges, "mfaChallenges");
        Objects.requireNonNull(oneTimePasswords, "oneTimePasswords");
        Objects.requireNonNull(idTokens, "idTokens");
        Objects.requireNonNull(clientRepository, "clientRepository");
        Objects.requireNonNull(consents, "consents");
        Objects.requireNonNull(browserSessionRegistry, "browserSessionRegistry");
    }

    /** The ports without remembered consents nor a record of browser sessions
     * ({@link BrowserSessionRegistry#none()}). */
    public DrivenPorts(UserRepository users, UserRepository cachedUsers, PasswordHasher passwordHasher,
                       PasswordHasher registrationHasher, PasswordDirectory passwordDirectory, PasswordPolicy passwordPolicy,
                       AccessTokens accessTokens, RefreshTokens refreshTokens, RevokedAccessTokens revokedAccessTokens,
                       LoginThrottle loginThrottle, KnownDevices knownDevices, AuditLog auditLog,
                       SigningKeyRepository signingKeys, ClientRegistry clients, PasswordResets passwordResets,
                       MailOutbox mailOutbox, Mailer mailer, Clock clock, ClientAssertions clientAssertions,
                       AssertionReplays assertionReplays, AuthorizationCodes authorizationCodes, Seals seals,
                       EmailVerifications emailVerifications, TwoFactorCredentials twoFactorCredentials,
                       MfaChallenges mfaChallenges, OneTimePasswords oneTimePasswords, IdTokens idTokens,
                       ClientRepository clientRepository) {
        this(users, cachedUsers, passwordHasher, registrationHasher, passwordDirectory, passwordPolicy, accessTokens,
                refreshTokens, revokedAccessTokens, loginThrottle, knownDevices, auditLog, signingKeys, clients, passwordResets,
                mailOutbox, mailer, clock, clientAssertions, assertionReplays, authorizationCodes, seals, emailVerifications,
                twoFactorCredentials, mfaChallenges, oneTimePasswords, idTokens, clientRepository, Consents.none(),
                BrowserSessionRegistry.none());
    }

    /** The ports without clients registered as data and without remembered consents ({@link Consents#none()}: a
     * third-party client always asks again). */
    public DrivenPorts(UserRepository users, UserRepository cachedUsers, PasswordHasher passwordHasher,
                       PasswordHasher registrationHasher, PasswordDirectory passwordDirectory, PasswordPolicy passwordPolicy,
                       AccessTokens accessTokens, RefreshTokens refreshTokens, RevokedAccessTokens revokedAccessTokens,
                       LoginThrottle loginThrottle, KnownDevices knownDevices, AuditLog auditLog,
                       SigningKeyRepository signingKeys, ClientRegistry clients, PasswordResets passwordResets,
                       MailOutbox mailOutbox, Mailer mailer, Clock clock, ClientAssertions clientAssertions,
                       AssertionReplays assertionReplays, AuthorizationCodes authorizationCodes, Seals seals,
                       EmailVerifications emailVerifications, TwoFactorCredentials twoFactorCredentials,
                       MfaChallenges mfaChallenges, OneTimePasswords oneTimePasswords, IdTokens idTokens) {
        this(users, cachedUsers, passwordHasher, registrationHasher, passwordDirectory, passwordPolicy, accessTokens,
                refreshTokens, revokedAccessTokens, loginThrottle, knownDevices, auditLog, signingKeys, clients, passwordResets,
                mailOutbox, mailer, clock, clientAssertions, assertionReplays, authorizationCodes, seals, emailVerifications,
                twoFactorCredentials, mfaChallenges, oneTimePasswords, idTokens, ClientRepository.none(), Consents.none(),
                BrowserSessionRegistry.none());
    }

    /**
     * The ports without email verification's store ({@link EmailVerifications#none()}), without a second factor (no
     * one is enrolled, and no one can enrol) and without ID tokens ({@link IdTokens#none()}) and
     * without clients registered as data (only those of the settings, {@code clients}).
     */
    public DrivenPorts(UserRepository users, UserRepository cachedUsers, PasswordHasher passwordHasher,
                       PasswordHasher registrationHasher, PasswordDirectory passwordDirectory, PasswordPolicy passwordPolicy,
                       AccessTokens accessTokens, RefreshTokens refreshTokens, RevokedAccessTokens revokedAccessTokens,
                       LoginThrottle loginThrottle, KnownDevices knownDevices, AuditLog auditLog,
                       SigningKeyRepository signingKeys, ClientRegistry clients, PasswordResets passwordResets,
                       MailOutbox mailOutbox, Mailer mailer, Clock clock, ClientAssertions clientAssertions,
                       AssertionReplays assertionReplays, AuthorizationCodes authorizationCodes, Seals seals) {
        this(users, cachedUsers, passwordHasher, registrationHasher, passwordDirectory, passwordPolicy, accessTokens,
                refreshTokens, revokedAccessTokens, loginThrottle, knownDevices, auditLog, signingKeys, clients, passwordResets,
                mailOutbox, mailer, clock, clientAssertions, assertionReplays, authorizationCodes, seals, EmailVerifications.none(),
                TwoFactorCredentials.none(), MfaChallenges.none(), OneTimePasswords.none(), IdTokens.none(), ClientRepository.none(),
                Consents.none(), BrowserSessionRegistry.none());
    }

    /**
     * The ports of an assembly that serves only the password grant: no client authenticates with a signed assertion
     * ({@code private_key_jwt}), no authorization code is kept and no sign-in form accepted (both fail closed).
     */
    public DrivenPorts(UserRepository users, UserRepository cachedUsers, PasswordHasher passwordHasher,
                       PasswordHasher registrationHasher, PasswordDirectory passwordDirectory, PasswordPolicy passwordPolicy,
                       AccessTokens accessTokens, RefreshTokens refreshTokens, RevokedAccessTokens revokedAccessTokens,
                       LoginThrottle loginThrottle, KnownDevices knownDevices, AuditLog auditLog,
                       SigningKeyRepository signingKeys, ClientRegistry clients, PasswordResets passwordResets,
                       MailOutbox mailOutbox, Mailer mailer, Clock clock) {
        this(users, cachedUsers, passwordHasher, registrationHasher, passwordDirectory, passwordPolicy, accessTokens,
                refreshTokens, revokedAccessTokens, loginThrottle, knownDevices, auditLog, signingKeys, clients, passwordResets,
                mailOutbox, mailer, clock, ClientAssertions.none(), AssertionReplays.none(), AuthorizationCodes.none(), Seals.none());
    }

    /** The same ports, with clients authenticating by signed assertion ({@code private_key_jwt}), each used once. */
    public DrivenPorts withClientAssertions(ClientAssertions clientAssertions, AssertionReplays assertionReplays) {
        return new DrivenPorts(users, cachedUsers, passwordHasher, registrationHasher, passwordDirectory, passwordPolicy,
                accessTokens, refreshTokens, revokedAccessTokens, loginThrottle, knownDevices, auditLog, signingKeys, clients,
                passwordResets, mailOutbox, mailer, clock, clientAssertions, assertionReplays, authorizationCodes, seals,
                emailVerifications, twoFactorCredentials, mfaChallenges, oneTimePasswords, idTokens, clientRepository, consents,
                browserSessionRegistry);
    }

    /** The same ports, with the authorization code flow's stores: its codes, and the seals of what a browser carries. */
    public DrivenPorts withAuthorizationCodeFlow(AuthorizationCodes authorizationCodes, Seals seals) {
        return new DrivenPorts(users, cachedUsers, passwordHasher, registrationHasher, passwordDirectory, passwordPolicy,
                accessTokens, refreshTokens, revokedAccessTokens, loginThrottle, knownDevices, auditLog, signingKeys, clients,
                passwordResets, mailOutbox, mailer, clock, clientAssertions, assertionReplays, authorizationCodes, seals,
                emailVerifications, twoFactorCredentials, mfaChallenges, oneTimePasswords, idTokens, clientRepository, consents,
                browserSessionRegistry);
    }

    /** The same ports, with the store of email-verification links (in the store of the users and the outbox). */
    public DrivenPorts withEmailVerifications(EmailVerifications emailVerifications) {
        return new DrivenPorts(users, cachedUsers, passwordHasher, registrationHasher, passwordDirectory, passwordPolicy,
                accessTokens, refreshTokens, revokedAccessTokens, loginThrottle, knownDevices, auditLog, signingKeys, clients,
                passwordResets, mailOutbox, mailer, clock, clientAssertions, assertionReplays, authorizationCodes, seals,
                emailVerifications, twoFactorCredentials, mfaChallenges, oneTimePasswords, idTokens, clientRepository, consents,
                browserSessionRegistry);
    }

    /**
     * The same ports, with two-factor sign-in: each user's second factor, the logins waiting for it, and the one-time
     * passwords that check its codes.
     */
    public DrivenPorts withTwoFactor(TwoFactorCredentials twoFactorCredentials, MfaChallenges mfaChallenges,
                                     OneTimePasswords oneTimePasswords) {
        return new DrivenPorts(users, cachedUsers, passwordHasher, registrationHasher, passwordDirectory, passwordPolicy,
                accessTokens, refreshTokens, revokedAccessTokens, loginThrottle, knownDevices, auditLog, signingKeys, clients,
                passwordResets, mailOutbox, mailer, clock, clientAssertions, assertionReplays, authorizationCodes, seals,
                emailVerifications, twoFactorCredentials, mfaChallenges, oneTimePasswords, idTokens, clientRepository, consents,
                browserSessionRegistry);
    }

    /** The same ports, with OpenID Connect ID tokens signed by {@code idTokens}. */
    public DrivenPorts withIdTokens(IdTokens idTokens) {
        return new DrivenPorts(users, cachedUsers, passwordHasher, registrationHasher, passwordDirectory, passwordPolicy,
                accessTokens, refreshTokens, revokedAccessTokens, loginThrottle, knownDevices, auditLog, signingKeys, clients,
                passwordResets, mailOutbox, mailer, clock, clientAssertions, assertionReplays, authorizationCodes, seals,
                emailVerifications, twoFactorCredentials, mfaChallenges, oneTimePasswords, idTokens, clientRepository, consents,
                browserSessionRegistry);
    }

    /** The same ports, with clients registered as data in {@code clientRepository} beside those of the settings. */
    public DrivenPorts withClientRepository(ClientRepository clientRepository) {
        return new DrivenPorts(users, cachedUsers, passwordHasher, registrationHasher, passwordDirectory, passwordPolicy,
                accessTokens, refreshTokens, revokedAccessTokens, loginThrottle, knownDevices, auditLog, signingKeys, clients,
                passwordResets, mailOutbox, mailer, clock, clientAssertions, assertionReplays, authorizationCodes, seals,
                emailVerifications, twoFactorCredentials, mfaChallenges, oneTimePasswords, idTokens, clientRepository, consents,
                browserSessionRegistry);
    }

    /** The same ports, with the consents people gave third-party clients remembered in {@code consents}. */
    public DrivenPorts withConsents(Consents consents) {
        return new DrivenPorts(users, cachedUsers, passwordHasher, registrationHasher, passwordDirectory, passwordPolicy,
                accessTokens, refreshTokens, revokedAccessTokens, loginThrottle, knownDevices, auditLog, signingKeys, clients,
                passwordResets, mailOutbox, mailer, clock, clientAssertions, assertionReplays, authorizationCodes, seals,
                emailVerifications, twoFactorCredentials, mfaChallenges, oneTimePasswords, idTokens, clientRepository, consents,
                browserSessionRegistry);
    }

    /**
     * The same ports, with the record of browser sessions that makes logging out (OpenID Connect RP-Initiated Logout)
     * end a browser session and the refresh tokens it started, on every instance.
     */
    public DrivenPorts withBrowserSessionRegistry(BrowserSessionRegistry browserSessionRegistry) {
        return new DrivenPorts(users, cachedUsers, passwordHasher, registrationHasher, passwordDirectory, passwordPolicy,
                accessTokens, refreshTokens, revokedAccessTokens, loginThrottle, knownDevices, auditLog, signingKeys, clients,
                passwordResets, mailOutbox, mailer, clock, clientAssertions, assertionReplays, authorizationCodes, seals,
                emailVerifications, twoFactorCredentials, mfaChallenges, oneTimePasswords, idTokens, clientRepository, consents,
                browserSessionRegistry);
    }
}
