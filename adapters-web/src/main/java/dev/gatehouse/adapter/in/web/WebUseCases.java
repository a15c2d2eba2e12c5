package dev.gatehouse.adapter.in.web;

import dev.gatehouse.application.port.in.AnswerConsentResult;
import dev.gatehouse.application.port.in.AnswerConsentUseCase;
import dev.gatehouse.application.port.in.ShowAccountUseCase;
import dev.gatehouse.application.port.in.ShowAccountResult;
import dev.gatehouse.application.port.in.EndSessionUseCase;
import dev.gatehouse.application.port.in.EndSessionResult;
import dev.gatehouse.application.port.in.EndBrowserSessionResult;
import dev.gatehouse.application.port.in.EndBrowserSessionUseCase;
import dev.gatehouse.application.port.in.ConfirmTwoFactorUseCase;
import dev.gatehouse.application.port.in.LogInResult;
import dev.gatehouse.application.port.in.MfaLogInUseCase;
import dev.gatehouse.application.port.in.RegenerateRecoveryCodesUseCase;
import dev.gatehouse.application.port.in.RemoveTwoFactorUseCase;
import dev.gatehouse.application.port.in.ResetTwoFactorUseCase;
import dev.gatehouse.application.port.in.AdminResult;
import dev.gatehouse.application.port.in.StartTwoFactorResult;
import dev.gatehouse.application.port.in.StartTwoFactorUseCase;
import dev.gatehouse.application.port.in.TwoFactorResult;
import dev.gatehouse.application.port.in.AuthorizationError;
import dev.gatehouse.application.port.in.ChangeEmailResult;
import dev.gatehouse.application.port.in.ChangeEmailUseCase;
import dev.gatehouse.application.port.in.ChangePasswordUseCase;
import dev.gatehouse.application.port.in.ChangeUserRoleUseCase;
import dev.gatehouse.application.port.in.ClientCredentialsGrantResult;
import dev.gatehouse.application.port.in.ClientCredentialsGrantUseCase;
import dev.gatehouse.application.port.in.ConfirmEmailVerificationResult;
import dev.gatehouse.application.port.in.ConfirmEmailVerificationUseCase;
import dev.gatehouse.application.port.in.ConfirmPasswordResetUseCase;
import dev.gatehouse.application.port.in.CurrentUserUseCase;
import dev.gatehouse.application.port.in.EndUserSessionsUseCase;
import dev.gatehouse.application.port.in.IntrospectTokenUseCase;
import dev.gatehouse.application.port.in.LogInUseCase;
import dev.gatehouse.application.port.in.LogOutUseCase;
import dev.gatehouse.application.port.in.PublishedKeysUseCase;
import dev.gatehouse.application.port.in.RedeemAuthorizationCodeResult;
import dev.gatehouse.application.port.in.RedeemAuthorizationCodeUseCase;
import dev.gatehouse.application.port.in.RefreshTokenUseCase;
import dev.gatehouse.application.port.in.RegisterUserUseCase;
import dev.gatehouse.application.port.in.RequestEmailVerificationResult;
import dev.gatehouse.application.port.in.RequestEmailVerificationUseCase;
import dev.gatehouse.application.port.in.RequestPasswordResetUseCase;
import dev.gatehouse.application.port.in.RevokeTokenUseCase;
import dev.gatehouse.application.port.in.SearchUsersUseCase;
import dev.gatehouse.application.port.in.SendPasswordResetUseCase;
import dev.gatehouse.application.port.in.SetUserEnabledUseCase;
import dev.gatehouse.application.port.in.ShowUserUseCase;
import dev.gatehouse.application.port.in.SignInResult;
import dev.gatehouse.application.port.in.SignInUseCase;
import dev.gatehouse.application.port.in.SignInWithCodeResult;
import dev.gatehouse.application.port.in.SignInWithCodeUseCase;
import dev.gatehouse.application.port.in.StartAuthorizationResult;
import dev.gatehouse.application.port.in.StartAuthorizationUseCase;
import dev.gatehouse.application.port.in.UnlockUserUseCase;
import dev.gatehouse.domain.EmailVerificationMode;
import dev.gatehouse.application.port.in.UserInfoResult;
import dev.gatehouse.application.port.in.UserInfoUseCase;
import dev.gatehouse.application.port.in.ClientsRegisteredUseCase;
import dev.gatehouse.application.port.in.ListClientsUseCase;
import dev.gatehouse.application.port.in.RegisterClientUseCase;
import dev.gatehouse.application.port.in.RemoveClientUseCase;
import dev.gatehouse.application.port.in.RotateClientSecretUseCase;
import dev.gatehouse.application.port.in.ShowClientUseCase;
import dev.gatehouse.application.port.in.RevokeConsentResult;
import dev.gatehouse.application.port.in.RevokeConsentUseCase;
import java.util.Objects;

/**
 * The use cases the HTTP layer drives. {@code publishedKeys} is empty when tokens are signed with a shared secret.
 * {@code authorizationCode}: the authorization code flow's ({@code /authorize}, its sign-in page, and
 * {@code grant_type=authorization_code}). {@code twoFactor}: two-factor sign-in (enrolment under {@code /users/me/two-factor}
 * and the mfa-otp grant). {@code userInfo}: OpenID Connect's {@code /userinfo}. {@code clientAdministration}: {@code /admin/clients}, and whether
 * any client is registered as data. {@code answerConsent}: the consent page's
 * answers ({@code POST /authorize/consent}). {@code signInWithCode}: the sign-in
 * page's second step, for accounts with a second factor. {@code account}: the account page's own queries and actions
 * (beside the use cases above it also drives). {@code endBrowserSession}: OpenID Connect
 * RP-initiated logout at {@code /authorize/end-session}.
 */
public record WebUseCases(LogInUseCase logIn, RegisterUserUseCase registerUser, CurrentUserUseCase currentUser,
                          RefreshTokenUseCase refreshToken, RevokeTokenUseCase revokeToken, LogOutUseCase logOut,
                          ChangePasswordUseCase changePassword, PublishedKeysUseCase publishedKeys,
                          Administration administration, IntrospectTokenUseCase introspectToken, PasswordReset passwordReset,
                          ClientCredentialsGrantUseCase clientCredentialsGrant, AuthorizationCode authorizationCode,
                          EmailVerification emailVerification, TwoFactor twoFactor, UserInfoUseCase userInfo,
                          ClientAdministration clientAdministration, AnswerConsentUseCase answerConsent,
                          SignInWithCodeUseCase signInWithCode, Account account,
                          EndBrowserSessionUseCase endBrowserSession) {

    /** For assemblies without third-party clients' consent page: no answer is accepted (fails closed). */
    public static final AnswerConsentUseCase NO_CONSENT = command -> new AnswerConsentResult.FormRejected();

    /** For assemblies without the sign-in page's second step: no second-step form is ever accepted. */
    public static final SignInWithCodeUseCase NO_SIGN_IN_WITH_CODE = command -> new SignInWithCodeResult.ChallengeExpired();

    /** For assemblies without browser sign-in: no browser session exists, so a logout has nothing to end. */
    public static final EndBrowserSessionUseCase NO_BROWSER_SESSIONS =
            command -> new EndBrowserSessionResult.LoggedOut(java.util.Optional.empty());

    /**
     * The use cases behind {@code /email-verification} and {@code /users/me/email}, and the {@code mode} they run in: while it is off, those
     * endpoints are not served and {@code /users/me} shows no {@code email_verified}.
     */
    public record EmailVerification(EmailVerificationMode mode, RequestEmailVerificationUseCase request,
                                    ConfirmEmailVerificationUseCase confirm, ChangeEmailUseCase changeEmail) {

        /** For assemblies without email verification. */
        public static final EmailVerification OFF = new EmailVerification(EmailVerificationMode.OFF,
                command -> new RequestEmailVerificationResult.Accepted(),
                command -> new ConfirmEmailVerificationResult.InvalidToken(),
                command -> new ChangeEmailResult.InvalidToken());

        public EmailVerification {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(confirm, "confirm");
            Objects.requireNonNull(changeEmail, "changeEmail");
        }
    }


    /** The use cases behind {@code /users/me/two-factor} and the mfa-otp grant. */
    public record TwoFactor(StartTwoFactorUseCase start, ConfirmTwoFactorUseCase confirm, RemoveTwoFactorUseCase remove,
                            RegenerateRecoveryCodesUseCase regenerateRecoveryCodes, MfaLogInUseCase mfaLogIn,
                            ResetTwoFactorUseCase reset) {

        /** For assemblies without two-factor sign-in: no one can enrol, and no second step completes. */
        public static final TwoFactor NOT_OFFERED = new TwoFactor(
                command -> new StartTwoFactorResult.AlreadyActive(),
                command -> new TwoFactorResult.NotEnrolled(),
                command -> new TwoFactorResult.NotEnrolled(),
                command -> new TwoFactorResult.NotEnrolled(),
                command -> new LogInResult.InvalidMfaToken(),
                action -> new AdminResult.Refused<>(AdminResult.Refusal.NO_SUCH_USER));

        public TwoFactor {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(confirm, "confirm");
            Objects.requireNonNull(remove, "remove");
            Objects.requireNonNull(regenerateRecoveryCodes, "regenerateRecoveryCodes");
            Objects.requireNonNull(mfaLogIn, "mfaLogIn");
            Objects.requireNonNull(reset, "reset");
        }
    }

    /** For assemblies without OpenID Connect: no token is good for {@code /userinfo}. */
    public static final UserInfoUseCase NO_USER_INFO = query -> new UserInfoResult.InvalidToken();

    /**
     * Without clients registered as data ({@code /admin/clients} is not served), the consent page's answers and the
     * sign-in page's second step.
     */
    public WebUseCases(LogInUseCase logIn, RegisterUserUseCase registerUser, CurrentUserUseCase currentUser,
                       RefreshTokenUseCase refreshToken, RevokeTokenUseCase revokeToken, LogOutUseCase logOut,
                       ChangePasswordUseCase changePassword, PublishedKeysUseCase publishedKeys,
                       Administration administration, IntrospectTokenUseCase introspectToken, PasswordReset passwordReset,
                       ClientCredentialsGrantUseCase clientCredentialsGrant, AuthorizationCode authorizationCode,
                       EmailVerification emailVerification, TwoFactor twoFactor, UserInfoUseCase userInfo) {
        this(logIn, registerUser, currentUser, refreshToken, revokeToken, logOut, changePassword, publishedKeys, administration,
                introspectToken, passwordReset, clientCredentialsGrant, authorizationCode, emailVerification, twoFactor, userInfo,
                ClientAdministration.NOT_OFFERED, NO_CONSENT, NO_SIGN_IN_WITH_CODE, Account.NOT_OFFERED,
                NO_BROWSER_SESSIONS);
    }

    /**
     * Without email verification ({@link EmailVerification#OFF}), two-factor sign-in ({@link TwoFactor#NOT_OFFERED}),
     * OpenID Connect's userinfo ({@link #NO_USER_INFO}) and clients registered as data.
     */
    public WebUseCases(LogInUseCase logIn, RegisterUserUseCase registerUser, CurrentUserUseCase currentUser,
                       RefreshTokenUseCase refreshToken, RevokeTokenUseCase revokeToken, LogOutUseCase logOut,
                       ChangePasswordUseCase changePassword, PublishedKeysUseCase publishedKeys,
                       Administration administration, IntrospectTokenUseCase introspectToken, PasswordReset passwordReset,
                       ClientCredentialsGrantUseCase clientCredentialsGrant, AuthorizationCode authorizationCode) {
        this(logIn, registerUser, currentUser, refreshToken, revokeToken, logOut, changePassword, publishedKeys, administration,
                introspectToken, passwordReset, clientCredentialsGrant, authorizationCode, EmailVerification.OFF,
                TwoFactor.NOT_OFFERED, NO_USER_INFO, ClientAdministration.NOT_OFFERED,
                NO_CONSENT, NO_SIGN_IN_WITH_CODE, Account.NOT_OFFERED,
                NO_BROWSER_SESSIONS);
    }

    /**
     * The use cases behind {@code /admin/clients}: the clients registered as data; and whether any client is registered
     * at all, which turns client authentication on at the token endpoints even when the settings name none.
     */
    public record ClientAdministration(RegisterClientUseCase registerClient, ListClientsUseCase listClients,
                                       ShowClientUseCase showClient, RemoveClientUseCase removeClient,
                                       RotateClientSecretUseCase rotateClientSecret, ClientsRegisteredUseCase clientsRegistered) {

        /** For assemblies that keep clients in their settings only. */
        public static final ClientAdministration NOT_OFFERED = new ClientAdministration(
                command -> { throw new IllegalStateException("clients are not registered as data here"); },
                actor -> { throw new IllegalStateException("clients are not registered as data here"); },
                action -> { throw new IllegalStateException("clients are not registered as data here"); },
                action -> { throw new IllegalStateException("clients are not registered as data here"); },
                action -> { throw new IllegalStateException("clients are not registered as data here"); },
                () -> false);

        public ClientAdministration {
            Objects.requireNonNull(registerClient, "registerClient");
            Objects.requireNonNull(listClients, "listClients");
            Objects.requireNonNull(showClient, "showClient");
            Objects.requireNonNull(removeClient, "removeClient");
            Objects.requireNonNull(rotateClientSecret, "rotateClientSecret");
            Objects.requireNonNull(clientsRegistered, "clientsRegistered");
        }
    }

    /** The use cases behind {@code /password-reset}. */
    public record PasswordReset(RequestPasswordResetUseCase request, ConfirmPasswordResetUseCase confirm) {

        public PasswordReset {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(confirm, "confirm");
        }
    }

    /** The use cases behind {@code /authorize} and the code exchange at {@code /token}. */
    public record AuthorizationCode(StartAuthorizationUseCase startAuthorization, SignInUseCase signIn,
                                    RedeemAuthorizationCodeUseCase redeemAuthorizationCode) {

        /** For assemblies without the flow: {@code /authorize} says it needs registered clients, no code is redeemed. */
        public static final AuthorizationCode NOT_OFFERED = new AuthorizationCode(
                command -> new StartAuthorizationResult.Failed(new AuthorizationError.ClientsNotRegistered()),
                command -> new SignInResult.Failed(new AuthorizationError.ClientsNotRegistered()),
                command -> new RedeemAuthorizationCodeResult.InvalidClient());

        public AuthorizationCode {
            Objects.requireNonNull(startAuthorization, "startAuthorization");
            Objects.requireNonNull(signIn, "signIn");
            Objects.requireNonNull(redeemAuthorizationCode, "redeemAuthorizationCode");
        }
    }

    /**
     * Without the client credentials grant (every such request is answered {@code invalid_client}) and without the
     * authorization code flow ({@link AuthorizationCode#NOT_OFFERED}).
     */
    public WebUseCases(LogInUseCase logIn, RegisterUserUseCase registerUser, CurrentUserUseCase currentUser,
                       RefreshTokenUseCase refreshToken, RevokeTokenUseCase revokeToken, LogOutUseCase logOut,
                       ChangePasswordUseCase changePassword, PublishedKeysUseCase publishedKeys,
                       Administration administration, IntrospectTokenUseCase introspectToken, PasswordReset passwordReset) {
        this(logIn, registerUser, currentUser, refreshToken, revokeToken, logOut, changePassword, publishedKeys, administration,
                introspectToken, passwordReset, command -> new ClientCredentialsGrantResult.InvalidClient(), AuthorizationCode.NOT_OFFERED);
    }

    /** The use cases behind {@code /admin/}. */
    public record Administration(SearchUsersUseCase searchUsers, ShowUserUseCase showUser,
                                 SetUserEnabledUseCase setUserEnabled, UnlockUserUseCase unlockUser,
                                 ChangeUserRoleUseCase changeUserRole, EndUserSessionsUseCase endUserSessions,
                                 SendPasswordResetUseCase sendPasswordReset) {

        public Administration {
            Objects.requireNonNull(searchUsers, "searchUsers");
            Objects.requireNonNull(showUser, "showUser");
            Objects.requireNonNull(setUserEnabled, "setUserEnabled");
            Objects.requireNonNull(unlockUser, "unlockUser");
            Objects.requireNonNull(changeUserRole, "changeUserRole");
            Objects.requireNonNull(endUserSessions, "endUserSessions");
            Objects.requireNonNull(sendPasswordReset, "sendPasswordReset");
        }
    }

    public WebUseCases {
        Objects.requireNonNull(logIn, "logIn");
        Objects.requireNonNull(registerUser, "registerUser");
        Objects.requireNonNull(currentUser, "currentUser");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(revokeToken, "revokeToken");
        Objects.requireNonNull(logOut, "logOut");
        Objects.requireNonNull(changePassword, "changePassword");
        Objects.requireNonNull(publishedKeys, "publishedKeys");
        Objects.requireNonNull(administration, "administration");
        Objects.requireNonNull(introspectToken, "introspectToken");
        Objects.requireNonNull(passwordReset, "passwordReset");
        Objects.requireNonNull(clientCredentialsGrant, "clientCredentialsGrant");
        Objects.requireNonNull(authorizationCode, "authorizationCode");
        Objects.requireNonNull(emailVerification, "emailVerification");
        Objects.requireNonNull(twoFactor, "twoFactor");
        Objects.requireNonNull(userInfo, "userInfo");
        Objects.requireNonNull(clientAdministration, "clientAdministration");
        Objects.requireNonNull(answerConsent, "answerConsent");
        Objects.requireNonNull(signInWithCode, "signInWithCode");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(endBrowserSession, "endBrowserSession");
    }

    /** The use cases only the account page drives: showing one's account and ending one of one's sessions. */
    public record Account(ShowAccountUseCase show, EndSessionUseCase endSession, RevokeConsentUseCase revokeConsent) {

        /** For assemblies without the account page's use cases: no token shows an account, no session is ended. */
        public static final Account NOT_OFFERED = new Account(query -> new ShowAccountResult.InvalidToken(),
                command -> new EndSessionResult.InvalidToken(), command -> new RevokeConsentResult.NotFound());

        public Account {
            Objects.requireNonNull(show, "show");
            Objects.requireNonNull(endSession, "endSession");
            Objects.requireNonNull(revokeConsent, "revokeConsent");
        }

        /** Without consents to take back (an assembly without third-party clients' consent page). */
        public Account(ShowAccountUseCase show, EndSessionUseCase endSession) {
            this(show, endSession, command -> new RevokeConsentResult.NotFound());
        }
    }

    /**
     * With the sign-in page's second step, without clients as data, the consent page nor the account page's own use cases
     * ({@link Account#NOT_OFFERED}).
     */
    public WebUseCases(LogInUseCase logIn, RegisterUserUseCase registerUser, CurrentUserUseCase currentUser,
                       RefreshTokenUseCase refreshToken, RevokeTokenUseCase revokeToken, LogOutUseCase logOut,
                       ChangePasswordUseCase changePassword, PublishedKeysUseCase publishedKeys,
                       Administration administration, IntrospectTokenUseCase introspectToken, PasswordReset passwordReset,
                       ClientCredentialsGrantUseCase clientCredentialsGrant, AuthorizationCode authorizationCode,
                       EmailVerification emailVerification, TwoFactor twoFactor, UserInfoUseCase userInfo,
                       SignInWithCodeUseCase signInWithCode) {
        this(logIn, registerUser, currentUser, refreshToken, revokeToken, logOut, changePassword, publishedKeys, administration,
                introspectToken, passwordReset, clientCredentialsGrant, authorizationCode, emailVerification, twoFactor, userInfo,
                ClientAdministration.NOT_OFFERED, NO_CONSENT, signInWithCode, Account.NOT_OFFERED,
                NO_BROWSER_SESSIONS);
    }
}
