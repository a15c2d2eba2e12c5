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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * which browser sessions were logged out of and which sessions each started. Assemble it with {@link #builder()}.
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

    /** A builder with no port set yet: see {@link Builder} for the ports it requires and the defaults of the others. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Assembles {@link DrivenPorts} one named port at a time, so no assembly spells out the ports of the features it
     * leaves out. {@link #build()} requires {@code users}, {@code cachedUsers}, {@code passwordHasher},
     * {@code registrationHasher}, {@code passwordDirectory}, {@code passwordPolicy}, {@code accessTokens},
     * {@code refreshTokens}, {@code revokedAccessTokens}, {@code loginThrottle}, {@code knownDevices},
     * {@code auditLog}, {@code signingKeys}, {@code clients}, {@code passwordResets}, {@code mailOutbox},
     * {@code mailer} and {@code clock}, and names every one missing. The other ports belong to features an assembly
     * may leave out; unset, each is its port's {@code none()}, which fails closed:
     * <ul>
     *   <li>{@link #clientAssertions}: {@link ClientAssertions#none()} and {@link AssertionReplays#none()}, so no
     *       client authenticates with a signed assertion ({@code private_key_jwt});</li>
     *   <li>{@link #authorizationCodeFlow}: {@link AuthorizationCodes#none()} and {@link Seals#none()}, so no code is
     *       redeemed and no sign-in form or browser session is accepted;</li>
     *   <li>{@link #emailVerifications}: {@link EmailVerifications#none()}, which stores no link;</li>
     *   <li>{@link #twoFactor}: {@link TwoFactorCredentials#none()}, {@link MfaChallenges#none()} and
     *       {@link OneTimePasswords#none()}, so no one is enrolled and no one can enrol;</li>
     *   <li>{@link #idTokens}: {@link IdTokens#none()}, for deployments that publish no keys;</li>
     *   <li>{@link #clientRepository}: {@link ClientRepository#none()}, so only the clients of the settings
     *       ({@code clients}) are known;</li>
     *   <li>{@link #consents}: {@link Consents#none()}, so a third-party client always asks again;</li>
     *   <li>{@link #browserSessionRegistry}: {@link BrowserSessionRegistry#none()}, which remembers no browser
     *       session.</li>
     * </ul>
     * The ports of one feature are set in one call, so that none is wired without its partner (an assertion check
     * without the record that makes each assertion single-use, say). A port passed as {@code null} is refused where
     * it is passed.
     */
    public static final class Builder {

        private UserRepository users;
        private UserRepository cachedUsers;
        private PasswordHasher passwordHasher;
        private PasswordHasher registrationHasher;
        private PasswordDirectory passwordDirectory;
        private PasswordPolicy passwordPolicy;
        private AccessTokens accessTokens;
        private RefreshTokens refreshTokens;
        private RevokedAccessTokens revokedAccessTokens;
        private LoginThrottle loginThrottle;
        private KnownDevices knownDevices;
        private AuditLog auditLog;
        private SigningKeyRepository signingKeys;
        private ClientRegistry clients;
        private PasswordResets passwordResets;
        private MailOutbox mailOutbox;
        private Mailer mailer;
        private Clock clock;
        private ClientAssertions clientAssertions = ClientAssertions.none();
        private AssertionReplays assertionReplays = AssertionReplays.none();
        private AuthorizationCodes authorizationCodes = AuthorizationCodes.none();
        private Seals seals = Seals.none();
        private EmailVerifications emailVerifications = EmailVerifications.none();
        private TwoFactorCredentials twoFactorCredentials = TwoFactorCredentials.none();
        private MfaChallenges mfaChallenges = MfaChallenges.none();
        private OneTimePasswords oneTimePasswords = OneTimePasswords.none();
        private IdTokens idTokens = IdTokens.none();
        private ClientRepository clientRepository = ClientRepository.none();
        private Consents consents = Consents.none();
        private BrowserSessionRegistry browserSessionRegistry = BrowserSessionRegistry.none();

        private Builder() {
        }

        /** The users that log-in, registration, the password change and administration read and write. */
        public Builder users(UserRepository users) {
            this.users = Objects.requireNonNull(users, "users");
            return this;
        }

        /**
         * The same users read through a cache kept fresh across instances (or {@code users} again, for a store that
         * announces no change); only the token check reads them.
         */
        public Builder cachedUsers(UserRepository cachedUsers) {
            this.cachedUsers = Objects.requireNonNull(cachedUsers, "cachedUsers");
            return this;
        }

        public Builder passwordHasher(PasswordHasher passwordHasher) {
            this.passwordHasher = Objects.requireNonNull(passwordHasher, "passwordHasher");
            return this;
        }

        /** The hasher registrations use: the same capacity, of which they may hold only part (or the hasher again). */
        public Builder registrationHasher(PasswordHasher registrationHasher) {
            this.registrationHasher = Objects.requireNonNull(registrationHasher, "registrationHasher");
            return this;
        }

        /** Required even without a directory: {@link PasswordDirectory#none()} then says so. */
        public Builder passwordDirectory(PasswordDirectory passwordDirectory) {
            this.passwordDirectory = Objects.requireNonNull(passwordDirectory, "passwordDirectory");
            return this;
        }

        public Builder passwordPolicy(PasswordPolicy passwordPolicy) {
            this.passwordPolicy = Objects.requireNonNull(passwordPolicy, "passwordPolicy");
            return this;
        }

        public Builder accessTokens(AccessTokens accessTokens) {
            this.accessTokens = Objects.requireNonNull(accessTokens, "accessTokens");
            return this;
        }

        public Builder refreshTokens(RefreshTokens refreshTokens) {
            this.refreshTokens = Objects.requireNonNull(refreshTokens, "refreshTokens");
            return this;
        }

        public Builder revokedAccessTokens(RevokedAccessTokens revokedAccessTokens) {
            this.revokedAccessTokens = Objects.requireNonNull(revokedAccessTokens, "revokedAccessTokens");
            return this;
        }

        public Builder loginThrottle(LoginThrottle loginThrottle) {
            this.loginThrottle = Objects.requireNonNull(loginThrottle, "loginThrottle");
            return this;
        }

        public Builder knownDevices(KnownDevices knownDevices) {
            this.knownDevices = Objects.requireNonNull(knownDevices, "knownDevices");
            return this;
        }

        public Builder auditLog(AuditLog auditLog) {
            this.auditLog = Objects.requireNonNull(auditLog, "auditLog");
            return this;
        }

        public Builder signingKeys(SigningKeyRepository signingKeys) {
            this.signingKeys = Objects.requireNonNull(signingKeys, "signingKeys");
            return this;
        }

        /** The clients of the settings; an empty registry turns client authentication off. */
        public Builder clients(ClientRegistry clients) {
            this.clients = Objects.requireNonNull(clients, "clients");
            return this;
        }

        public Builder passwordResets(PasswordResets passwordResets) {
            this.passwordResets = Objects.requireNonNull(passwordResets, "passwordResets");
            return this;
        }

        public Builder mailOutbox(MailOutbox mailOutbox) {
            this.mailOutbox = Objects.requireNonNull(mailOutbox, "mailOutbox");
            return this;
        }

        public Builder mailer(Mailer mailer) {
            this.mailer = Objects.requireNonNull(mailer, "mailer");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Clients authenticating by signed assertion ({@code private_key_jwt}), each assertion used once. */
        public Builder clientAssertions(ClientAssertions clientAssertions, AssertionReplays assertionReplays) {
            this.clientAssertions = Objects.requireNonNull(clientAssertions, "clientAssertions");
            this.assertionReplays = Objects.requireNonNull(assertionReplays, "assertionReplays");
            return this;
        }

        /** The authorization code flow's stores: its codes, and the seals of what a browser carries. */
        public Builder authorizationCodeFlow(AuthorizationCodes authorizationCodes, Seals seals) {
            this.authorizationCodes = Objects.requireNonNull(authorizationCodes, "authorizationCodes");
            this.seals = Objects.requireNonNull(seals, "seals");
            return this;
        }

        /** The store of email-verification links (in the store of the users and the outbox). */
        public Builder emailVerifications(EmailVerifications emailVerifications) {
            this.emailVerifications = Objects.requireNonNull(emailVerifications, "emailVerifications");
            return this;
        }

        /**
         * Two-factor sign-in: each user's second factor, the logins waiting for it, and the one-time passwords that
         * check its codes.
         */
        public Builder twoFactor(TwoFactorCredentials twoFactorCredentials, MfaChallenges mfaChallenges,
                                 OneTimePasswords oneTimePasswords) {
            this.twoFactorCredentials = Objects.requireNonNull(twoFactorCredentials, "twoFactorCredentials");
            this.mfaChallenges = Objects.requireNonNull(mfaChallenges, "mfaChallenges");
            this.oneTimePasswords = Objects.requireNonNull(oneTimePasswords, "oneTimePasswords");
            return this;
        }

        /** OpenID Connect ID tokens, signed with the published keys. */
        public Builder idTokens(IdTokens idTokens) {
            this.idTokens = Objects.requireNonNull(idTokens, "idTokens");
            return this;
        }

        /** The clients registered as data (command line, admin API), seen beside those of the settings. */
        public Builder clientRepository(ClientRepository clientRepository) {
            this.clientRepository = Objects.requireNonNull(clientRepository, "clientRepository");
            return this;
        }

        /** What people allowed third-party clients, remembered so that such a client asks once. */
        public Builder consents(Consents consents) {
            this.consents = Objects.requireNonNull(consents, "consents");
            return this;
        }

        /**
         * The record of browser sessions that makes logging out (OpenID Connect RP-Initiated Logout) end a browser
         * session and the refresh tokens it started, on every instance.
         */
        public Builder browserSessionRegistry(BrowserSessionRegistry browserSessionRegistry) {
            this.browserSessionRegistry = Objects.requireNonNull(browserSessionRegistry, "browserSessionRegistry");
            return this;
        }

        /**
         * The ports set, with the defaults for the features left out.
         *
         * @throws IllegalStateException naming every required port that was not set
         */
        public DrivenPorts build() {
            List<String> missing = missingRequiredPorts();
            if (!missing.isEmpty()) {
                throw new IllegalStateException("DrivenPorts is missing required ports: " + String.join(", ", missing));
            }
            return new DrivenPorts(users, cachedUsers, passwordHasher, registrationHasher, passwordDirectory,
                    passwordPolicy, accessTokens, refreshTokens, revokedAccessTokens, loginThrottle, knownDevices,
                    auditLog, signingKeys, clients, passwordResets, mailOutbox, mailer, clock, clientAssertions,
                    assertionReplays, authorizationCodes, seals, emailVerifications, twoFactorCredentials,
                    mfaChallenges, oneTimePasswords, idTokens, clientRepository, consents, browserSessionRegistry);
        }

        private List<String> missingRequiredPorts() {
            // In the record's order, so the message lists them as the record does; a map that takes null values.
            Map<String, Object> required = new LinkedHashMap<>();
            required.put("users", users);
            required.put("cachedUsers", cachedUsers);
            required.put("passwordHasher", passwordHasher);
            required.put("registrationHasher", registrationHasher);
            required.put("passwordDirectory", passwordDirectory);
            required.put("passwordPolicy", passwordPolicy);
            required.put("accessTokens", accessTokens);
            required.put("refreshTokens", refreshTokens);
            required.put("revokedAccessTokens", revokedAccessTokens);
            required.put("loginThrottle", loginThrottle);
            required.put("knownDevices", knownDevices);
            required.put("auditLog", auditLog);
            required.put("signingKeys", signingKeys);
            required.put("clients", clients);
            required.put("passwordResets", passwordResets);
            required.put("mailOutbox", mailOutbox);
            required.put("mailer", mailer);
            required.put("clock", clock);
            return required.entrySet().stream().filter(port -> port.getValue() == null).map(Map.Entry::getKey).toList();
        }
    }
}
