package dev.gatehouse.application.service;

import dev.gatehouse.application.assembly.DrivenPorts;
import dev.gatehouse.application.assembly.Policies;
import dev.gatehouse.application.port.in.ChangeEmailUseCase;
import dev.gatehouse.application.port.in.ChangePasswordUseCase;
import dev.gatehouse.application.port.in.ChangeUserRoleUseCase;
import dev.gatehouse.application.port.in.ConfirmTwoFactorUseCase;
import dev.gatehouse.application.port.in.MfaLogInUseCase;
import dev.gatehouse.application.port.in.RegenerateRecoveryCodesUseCase;
import dev.gatehouse.application.port.in.RemoveTwoFactorUseCase;
import dev.gatehouse.application.port.in.ResetTwoFactorUseCase;
import dev.gatehouse.application.port.in.StartTwoFactorUseCase;
import dev.gatehouse.application.port.in.ClientCredentialsGrantUseCase;
import dev.gatehouse.application.port.in.ConfirmEmailVerificationUseCase;
import dev.gatehouse.application.port.in.ConfirmPasswordResetUseCase;
import dev.gatehouse.application.port.in.CurrentUserUseCase;
import dev.gatehouse.application.port.in.DeliverMailUseCase;
import dev.gatehouse.application.port.in.EndUserSessionsUseCase;
import dev.gatehouse.application.port.in.ForgetExpiredDataUseCase;
import dev.gatehouse.application.port.in.ImportUsersUseCase;
import dev.gatehouse.application.port.in.IntrospectTokenUseCase;
import dev.gatehouse.application.port.in.LogInUseCase;
import dev.gatehouse.application.port.in.LogOutUseCase;
import dev.gatehouse.application.port.in.PublishedKeysUseCase;
import dev.gatehouse.application.port.in.RedeemAuthorizationCodeUseCase;
import dev.gatehouse.application.port.in.SignInUseCase;
import dev.gatehouse.application.port.in.SignInWithCodeUseCase;
import dev.gatehouse.application.port.in.StartAuthorizationUseCase;
import dev.gatehouse.application.port.in.AnswerConsentUseCase;
import dev.gatehouse.application.port.in.ListConsentsUseCase;
import dev.gatehouse.application.port.in.RevokeConsentUseCase;
import dev.gatehouse.application.port.in.RefreshTokenUseCase;
import dev.gatehouse.application.port.in.RegisterUserUseCase;
import dev.gatehouse.application.port.in.RequestEmailVerificationUseCase;
import dev.gatehouse.application.port.in.RequestPasswordResetUseCase;
import dev.gatehouse.application.port.in.RevokeSigningKeyUseCase;
import dev.gatehouse.application.port.in.RevokeTokenUseCase;
import dev.gatehouse.application.port.in.RotateSigningKeysUseCase;
import dev.gatehouse.application.port.in.SearchUsersUseCase;
import dev.gatehouse.application.port.in.SendPasswordResetUseCase;
import dev.gatehouse.application.port.in.SetUserEnabledUseCase;
import dev.gatehouse.application.port.in.ShowUserUseCase;
import dev.gatehouse.application.port.in.UnlockUserUseCase;
import dev.gatehouse.domain.EmailVerificationMode;
import dev.gatehouse.application.port.in.UserInfoUseCase;
import dev.gatehouse.application.port.in.ClientsRegisteredUseCase;
import dev.gatehouse.application.port.in.EndBrowserSessionUseCase;
import dev.gatehouse.application.port.in.ListClientsUseCase;
import dev.gatehouse.application.port.in.RegisterClientUseCase;
import dev.gatehouse.application.port.in.RemoveClientUseCase;
import dev.gatehouse.application.port.in.RotateClientSecretUseCase;
import dev.gatehouse.application.port.in.ShowClientUseCase;
import dev.gatehouse.application.port.in.ShowAccountUseCase;
import dev.gatehouse.application.port.in.EndSessionUseCase;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every use case, built once from the driven ports and the policies by plain constructors: the one assembly that
 * the server, the command line, the web tests, the acceptance glue and the benchmarks share, so that a new use
 * case or a new collaborator is wired in one place. Each driving adapter takes the use cases it drives from here.
 * It lives beside the services so that it can hand them their package-private collaborators (the one
 * {@code AdminGate} of the administration use cases) instead of each building its own.
 */
public final class UseCases {

    private final LogInUseCase logIn;
    private final ClientCredentialsGrantUseCase clientCredentialsGrant;
    private final AnswerConsentUseCase answerConsent;
    private final ListConsentsUseCase listConsents;
    private final RevokeConsentUseCase revokeConsent;
    private final StartAuthorizationUseCase startAuthorization;
    private final SignInUseCase signIn;
    private final RedeemAuthorizationCodeUseCase redeemAuthorizationCode;
    private final RegisterUserUseCase registerUser;
    private final CurrentUserUseCase currentUser;
    private final RefreshTokenUseCase refreshToken;
    private final RevokeTokenUseCase revokeToken;
    private final IntrospectTokenUseCase introspectToken;
    private final LogOutUseCase logOut;
    private final ChangePasswordUseCase changePassword;
    private final PublishedKeysUseCase publishedKeys;
    private final SearchUsersUseCase searchUsers;
    private final ShowUserUseCase showUser;
    private final SetUserEnabledUseCase setUserEnabled;
    private final UnlockUserUseCase unlockUser;
    private final ChangeUserRoleUseCase changeUserRole;
    private final EndUserSessionsUseCase endUserSessions;
    private final Optional<RotateSigningKeysUseCase> rotateSigningKeys;
    private final Optional<RevokeSigningKeyUseCase> revokeSigningKey;
    private final ForgetExpiredDataUseCase forgetExpiredData;
    private final RequestPasswordResetUseCase requestPasswordReset;
    private final ConfirmPasswordResetUseCase confirmPasswordReset;
    private final DeliverMailUseCase deliverMail;
    private final SendPasswordResetUseCase sendPasswordReset;
    private final ImportUsersUseCase importUsers;
    private final RequestEmailVerificationUseCase requestEmailVerification;
    private final ConfirmEmailVerificationUseCase confirmEmailVerification;
    private final EmailVerificationMode emailVerificationMode;
    private final ChangeEmailUseCase changeEmail;
    private final StartTwoFactorUseCase startTwoFactor;
    private final ConfirmTwoFactorUseCase confirmTwoFactor;
    private final RemoveTwoFactorUseCase removeTwoFactor;
    private final RegenerateRecoveryCodesUseCase regenerateRecoveryCodes;
    private final MfaLogInUseCase mfaLogIn;
    private final ResetTwoFactorUseCase resetTwoFactor;
    private final UserInfoUseCase userInfo;
    private final RegisterClientUseCase registerClient;
    private final ListClientsUseCase listClients;
    private final ShowClientUseCase showClient;
    private final RemoveClientUseCase removeClient;
    private final RotateClientSecretUseCase rotateClientSecret;
    private final ClientsRegisteredUseCase clientsRegistered;
    private final ShowAccountUseCase showAccount;
    private final EndSessionUseCase endSession;
    private final SignInWithCodeUseCase signInWithCode;
    private final EndBrowserSessionUseCase endBrowserSession;

    public UseCases(DrivenPorts ports, Policies policies) {
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(policies, "policies");
        // The clients of the settings and those registered as data, seen as one registry by every use case.
        KnownClients clients = new KnownClients(ports.clients(), ports.clientRepository(), ports.clock());
        // One client authentication for every endpoint a client calls: a secret or an assertion proves the same client.
        ClientAuthentication clientAuthentication = new ClientAuthentication(clients, ports.clientAssertions(),
                ports.assertionReplays(), ports.auditLog(), ports.clock());
        // One password check and one session issuer for every way of signing in: the password grant, the sign-in page
        // and the code exchange share their throttling, timing, audit and tokens.
        PasswordCheck passwordCheck = new PasswordCheck(ports.users(), ports.passwordHasher(), ports.passwordDirectory(),
                ports.loginThrottle(), ports.knownDevices(), ports.auditLog(), policies.loginProtection(), ports.clock());
        SessionIssuer sessions = new SessionIssuer(ports.refreshTokens(), ports.accessTokens(), ports.clock());
        EmailVerificationMode verification = policies.emailVerification();
        emailVerificationMode = verification;
        // One check of a second factor for every place that asks for one; wrong codes are throttled per account.
        SecondFactorCheck secondFactor = new SecondFactorCheck(ports.twoFactorCredentials(), ports.oneTimePasswords(),
                ports.loginThrottle(),
                policies.loginProtection().accounts(), ports.auditLog(), ports.clock());
        MfaChallengeIssuer mfaChallenges = new MfaChallengeIssuer(ports.twoFactorCredentials(), ports.mfaChallenges(),
                ports.auditLog(), ports.clock());
        // One rule for every grant: the privileges of a role that needs a second factor need the account to have one.
        SecondFactorPolicy secondFactorPolicy = new SecondFactorPolicy(policies.secondFactorRequirement(),
                policies.scopePolicy(), ports.twoFactorCredentials());
        logIn = new LogInService(passwordCheck, sessions, clientAuthentication, policies.scopePolicy(), mfaChallenges,
                verification, ports.auditLog(), secondFactorPolicy);
        mfaLogIn = new MfaLogInService(clientAuthentication, ports.mfaChallenges(), ports.users(), secondFactor, sessions,
                ports.knownDevices(), policies.scopePolicy(), ports.auditLog(), ports.clock());
        // The enrolment use cases judge the bearer against the stored user, not the cache: they change security state.
        BearerAuthentication bearers = new BearerAuthentication(ports.accessTokens(), ports.revokedAccessTokens(), ports.users());
        startTwoFactor = new StartTwoFactorService(bearers, ports.twoFactorCredentials(), ports.oneTimePasswords(),
                ports.auditLog(), ports.clock());
        confirmTwoFactor = new ConfirmTwoFactorService(bearers, ports.twoFactorCredentials(), ports.oneTimePasswords(),
                ports.loginThrottle(),
                policies.loginProtection().accounts(), ports.auditLog(), ports.clock());
        removeTwoFactor = new RemoveTwoFactorService(bearers, ports.twoFactorCredentials(), secondFactor,
                ports.passwordHasher(), ports.loginThrottle(), policies.loginProtection().accounts(), ports.auditLog(),
                ports.clock());
        regenerateRecoveryCodes = new RegenerateRecoveryCodesService(bearers, ports.twoFactorCredentials(), secondFactor,
                ports.auditLog(), ports.clock());
        clientCredentialsGrant = new ClientCredentialsGrantService(clientAuthentication, ports.accessTokens(), ports.auditLog(),
                ports.clock());
        AuthorizationRequests requests = new AuthorizationRequests(clients);
        SignInForms forms = new SignInForms(ports.seals(), ports.clock());
        BrowserSessions browserSessions = new BrowserSessions(ports.seals(), ports.users(), ports.clock(),
                ports.browserSessionRegistry());
        CodeIssuer codeIssuer = new CodeIssuer(ports.authorizationCodes(), policies.scopePolicy(), ports.auditLog(), ports.clock(),
                secondFactorPolicy);
        ConsentScreens consentScreens = new ConsentScreens(ports.consents(), ports.seals(), ports.clock());
        startAuthorization = new StartAuthorizationService(requests, browserSessions, forms, codeIssuer, ports.clock(),
                consentScreens);
        // The sign-in page's second step: the mfa-otp grant's challenges, check and throttle, with the page's own form.
        SignInCodeForms codeForms = new SignInCodeForms(ports.seals(), ports.clock());
        signIn = new SignInService(requests, forms, passwordCheck, codeIssuer, browserSessions, ports.auditLog(), ports.clock(),
                mfaChallenges, codeForms, verification, secondFactorPolicy, consentScreens);
        signInWithCode = new SignInWithCodeService(requests, codeForms, ports.mfaChallenges(), ports.users(), secondFactor,
                codeIssuer, browserSessions, ports.knownDevices(), ports.auditLog(), ports.clock(), consentScreens);
        answerConsent = new AnswerConsentService(requests, browserSessions, consentScreens, codeIssuer, ports.auditLog(),
                ports.clock());
        listConsents = new ListConsentsService(ports.consents());
        revokeConsent = new RevokeConsentService(ports.consents(), ports.users(), ports.auditLog(), ports.clock(),
                ports.refreshTokens(), ports.revokedAccessTokens(), ports.accessTokens());
        redeemAuthorizationCode = new RedeemAuthorizationCodeService(clientAuthentication, ports.authorizationCodes(),
                ports.users(), sessions, ports.refreshTokens(), ports.revokedAccessTokens(), ports.accessTokens(),
                ports.auditLog(), ports.idTokens(), ports.clock(), ports.browserSessionRegistry());
        EmailVerificationLinks verificationLinks = new EmailVerificationLinks(ports.emailVerifications());
        registerUser = new RegisterUserService(ports.users(), ports.registrationHasher(), ports.passwordPolicy(),
                ports.auditLog(), ports.clock(), verification, verificationLinks);
        // Only the token check reads users through the cache: log-in must take as long for a cached user as for an unknown one.
        currentUser = new CurrentUserService(ports.accessTokens(), ports.revokedAccessTokens(), ports.cachedUsers());
        refreshToken = new RefreshTokenService(ports.refreshTokens(), ports.accessTokens(), ports.revokedAccessTokens(),
                ports.users(), ports.loginThrottle(), ports.auditLog(), policies.refreshPolicy(), clientAuthentication, ports.clock(),
                secondFactorPolicy, ports.idTokens(), ports.browserSessionRegistry());
        revokeToken = new RevokeTokenService(ports.refreshTokens(), ports.accessTokens(), ports.revokedAccessTokens(),
                ports.users(), ports.auditLog(), clientAuthentication, ports.clock());
        // Introspection judges an access token exactly as the bearer check does, through the same cache.
        introspectToken = new IntrospectTokenService(
                new BearerAuthentication(ports.accessTokens(), ports.revokedAccessTokens(), ports.cachedUsers()),
                ports.refreshTokens(), ports.users(), policies.refreshPolicy(), clientAuthentication, ports.clock());
        logOut = new LogOutService(ports.accessTokens(), ports.revokedAccessTokens(), ports.users(), ports.refreshTokens(),
                ports.auditLog(), ports.clock());
        changePassword = new ChangePasswordService(ports.accessTokens(), ports.revokedAccessTokens(), ports.users(),
                ports.passwordHasher(), ports.passwordPolicy(), ports.refreshTokens(), ports.knownDevices(),
                ports.loginThrottle(), policies.loginProtection().accounts(), policies.scopePolicy(), ports.auditLog(),
                ports.clock());
        publishedKeys = policies.keySigning()
                .<PublishedKeysUseCase>map(signing -> new PublishedKeysService(ports.signingKeys(), signing.rotation(), ports.clock()))
                .orElse(List::of);
        // The administration use cases read and write users directly: an administrator must see the stored state.
        // One gate admits the actor of every one of them.
        AdminGate gate = new AdminGate(ports.accessTokens(), ports.revokedAccessTokens(), ports.users(), ports.auditLog(),
                ports.clock());
        searchUsers = new SearchUsersService(gate, ports.users());
        showUser = new ShowUserService(gate);
        setUserEnabled = new SetUserEnabledService(gate, ports.users(), ports.refreshTokens(), ports.loginThrottle(), ports.clock());
        unlockUser = new UnlockUserService(gate, ports.loginThrottle());
        changeUserRole = new ChangeUserRoleService(gate, ports.users(), ports.refreshTokens(), policies.scopePolicy(), ports.clock());
        endUserSessions = new EndUserSessionsService(gate, ports.users(), ports.refreshTokens(), ports.clock());
        rotateSigningKeys = policies.keySigning().map(signing -> new RotateSigningKeysService(ports.signingKeys(),
                signing.rotation(), signing.algorithm(), ports.auditLog(), ports.clock()));
        revokeSigningKey = policies.keySigning().map(signing -> new RevokeSigningKeyService(ports.signingKeys(),
                signing.rotation(), signing.algorithm(), ports.auditLog(), ports.clock()));
        PasswordResetLinks resetLinks = new PasswordResetLinks(ports.passwordResets());
        requestPasswordReset = new RequestPasswordResetService(ports.users(), resetLinks, ports.loginThrottle(),
                ports.auditLog(), ports.clock());
        confirmPasswordReset = new ConfirmPasswordResetService(ports.passwordResets(), ports.users(),
                new PasswordReplacement(ports.users(), ports.passwordHasher(), ports.passwordPolicy(), ports.refreshTokens()),
                ports.loginThrottle(), ports.auditLog(), ports.clock());
        deliverMail = new DeliverMailService(ports.mailOutbox(), ports.mailer(), ports.clock());
        sendPasswordReset = new SendPasswordResetService(gate, resetLinks, ports.clock());
        requestEmailVerification = new RequestEmailVerificationService(ports.users(), verificationLinks, ports.loginThrottle(),
                ports.auditLog(), ports.clock(), verification);
        confirmEmailVerification = new ConfirmEmailVerificationService(ports.emailVerifications(), ports.users(),
                ports.loginThrottle(), ports.auditLog(), ports.clock());
        changeEmail = new ChangeEmailService(ports.accessTokens(), ports.revokedAccessTokens(), ports.users(),
                ports.passwordHasher(), verificationLinks, ports.loginThrottle(), policies.loginProtection().accounts(),
                ports.auditLog(), ports.clock());
        resetTwoFactor = new ResetTwoFactorService(gate, ports.twoFactorCredentials());
        forgetExpiredData = new ForgetExpiredDataService(ports.loginThrottle(), ports.refreshTokens(),
                ports.revokedAccessTokens(), ports.auditLog(), policies.retention(), ports.clock(), ports.assertionReplays(),
                ports.authorizationCodes(), ports.emailVerifications(), ports.passwordResets(), ports.mfaChallenges(),
                ports.browserSessionRegistry(), BrowserSessions.LIFETIME.plus(policies.refreshPolicy().absoluteLifetime())
                        .plus(policies.retention().sessions()));
        // Reads hashes' text only: an import never hashes, so it takes no hashing slot.
        importUsers = new ImportUsersService(ports.users(), ports.passwordHasher(), policies.scopePolicy(), ports.auditLog(),
                ports.clock());
        // Userinfo judges its token as /users/me does, through the same cache.
        userInfo = new UserInfoService(new BearerAuthentication(ports.accessTokens(), ports.revokedAccessTokens(), ports.cachedUsers()));
        ClientAdministration clientAdministration = new ClientAdministration(gate, ports.auditLog(), ports.clock());
        registerClient = new RegisterClientService(clientAdministration, clients, ports.clientRepository());
        listClients = new ListClientsService(clientAdministration, ports.clientRepository());
        showClient = new ShowClientService(clientAdministration, ports.clientRepository());
        removeClient = new RemoveClientService(clientAdministration, clients, ports.clientRepository(), ports.refreshTokens());
        rotateClientSecret = new RotateClientSecretService(clientAdministration, clients, ports.clientRepository());
        clientsRegistered = clients::anyRegistered;
        // The account page's sessions: judged against the stored user, as the enrolment use cases are.
        showAccount = new ShowAccountService(bearers, ports.refreshTokens(), ports.twoFactorCredentials(),
                policies.refreshPolicy(), ports.clock(), ports.consents());
        endSession = new EndSessionService(bearers, ports.refreshTokens(), ports.revokedAccessTokens(), ports.accessTokens(),
                ports.auditLog(), ports.clock());
        endBrowserSession = new EndBrowserSessionService(browserSessions, ports.browserSessionRegistry(), ports.idTokens(),
                clients, ports.seals(), ports.refreshTokens(), ports.revokedAccessTokens(), ports.accessTokens(),
                ports.auditLog(), ports.clock());
    }

    public LogInUseCase logIn() {
        return logIn;
    }

    public ClientCredentialsGrantUseCase clientCredentialsGrant() {
        return clientCredentialsGrant;
    }

    public StartAuthorizationUseCase startAuthorization() {
        return startAuthorization;
    }

    public SignInUseCase signIn() {
        return signIn;
    }

    public RedeemAuthorizationCodeUseCase redeemAuthorizationCode() {
        return redeemAuthorizationCode;
    }

    public RegisterUserUseCase registerUser() {
        return registerUser;
    }

    public CurrentUserUseCase currentUser() {
        return currentUser;
    }

    public RefreshTokenUseCase refreshToken() {
        return refreshToken;
    }

    public RevokeTokenUseCase revokeToken() {
        return revokeToken;
    }

    public IntrospectTokenUseCase introspectToken() {
        return introspectToken;
    }

    public LogOutUseCase logOut() {
        return logOut;
    }

    public ChangePasswordUseCase changePassword() {
        return changePassword;
    }

    /** The published verification keys; none when a shared secret signs. */
    public PublishedKeysUseCase publishedKeys() {
        return publishedKeys;
    }

    public SearchUsersUseCase searchUsers() {
        return searchUsers;
    }

    public ShowUserUseCase showUser() {
        return showUser;
    }

    public SetUserEnabledUseCase setUserEnabled() {
        return setUserEnabled;
    }

    public UnlockUserUseCase unlockUser() {
        return unlockUser;
    }

    public ChangeUserRoleUseCase changeUserRole() {
        return changeUserRole;
    }

    public EndUserSessionsUseCase endUserSessions() {
        return endUserSessions;
    }

    /** Empty when a shared secret signs: there are no key pairs to rotate. */
    public Optional<RotateSigningKeysUseCase> rotateSigningKeys() {
        return rotateSigningKeys;
    }

    /** Empty when a shared secret signs: there are no key pairs to revoke. */
    public Optional<RevokeSigningKeyUseCase> revokeSigningKey() {
        return revokeSigningKey;
    }

    public ForgetExpiredDataUseCase forgetExpiredData() {
        return forgetExpiredData;
    }

    public RequestPasswordResetUseCase requestPasswordReset() {
        return requestPasswordReset;
    }

    public ConfirmPasswordResetUseCase confirmPasswordReset() {
        return confirmPasswordReset;
    }

    public SendPasswordResetUseCase sendPasswordReset() {
        return sendPasswordReset;
    }

    /** Run by a background worker: sends the outbox's due mails. */
    public DeliverMailUseCase deliverMail() {
        return deliverMail;
    }


    /** Run by the command line's import-users, as the console. */
    public ImportUsersUseCase importUsers() {
        return importUsers;
    }

    /** Mails a new verification link (a no-op without email verification: nothing is ever unproven then). */
    public RequestEmailVerificationUseCase requestEmailVerification() {
        return requestEmailVerification;
    }

    public ConfirmEmailVerificationUseCase confirmEmailVerification() {
        return confirmEmailVerification;
    }

    /** Whether addresses are verified: driving adapters show the state and serve the links only when it is on. */
    public EmailVerificationMode emailVerificationMode() {
        return emailVerificationMode;
    }

    /** Asks to change the caller's address (served only while email verification is on). */
    public ChangeEmailUseCase changeEmail() {
        return changeEmail;
    }

    public StartTwoFactorUseCase startTwoFactor() {
        return startTwoFactor;
    }

    public ConfirmTwoFactorUseCase confirmTwoFactor() {
        return confirmTwoFactor;
    }

    public RemoveTwoFactorUseCase removeTwoFactor() {
        return removeTwoFactor;
    }

    public RegenerateRecoveryCodesUseCase regenerateRecoveryCodes() {
        return regenerateRecoveryCodes;
    }

    /** The second step of a password login for an account with a second factor (the mfa-otp grant). */
    public MfaLogInUseCase mfaLogIn() {
        return mfaLogIn;
    }

    /** An administrator's removal of a user's second factor. */
    public ResetTwoFactorUseCase resetTwoFactor() {
        return resetTwoFactor;
    }

    /** OpenID Connect's userinfo: what an {@code openid} token's user lets its client know. */
    public UserInfoUseCase userInfo() {
        return userInfo;
    }

    public RegisterClientUseCase registerClient() {
        return registerClient;
    }

    public ListClientsUseCase listClients() {
        return listClients;
    }

    public ShowClientUseCase showClient() {
        return showClient;
    }

    public RemoveClientUseCase removeClient() {
        return removeClient;
    }

    public RotateClientSecretUseCase rotateClientSecret() {
        return rotateClientSecret;
    }

    public ClientsRegisteredUseCase clientsRegistered() {
        return clientsRegistered;
    }

    /** The answer on the consent page a third-party client's request shows. */
    public AnswerConsentUseCase answerConsent() {
        return answerConsent;
    }

    /** A user's consents to third-party clients (for a page or an endpoint that has authenticated the user). */
    public ListConsentsUseCase listConsents() {
        return listConsents;
    }

    /** Takes back a user's consent to a client. */
    public RevokeConsentUseCase revokeConsent() {
        return revokeConsent;
    }

    public ShowAccountUseCase showAccount() {
        return showAccount;
    }

    public EndSessionUseCase endSession() {
        return endSession;
    }

    /** The sign-in page's second step, for an account with a second factor. */
    public SignInWithCodeUseCase signInWithCode() {
        return signInWithCode;
    }

    public EndBrowserSessionUseCase endBrowserSession() {
        return endBrowserSession;
    }
}
