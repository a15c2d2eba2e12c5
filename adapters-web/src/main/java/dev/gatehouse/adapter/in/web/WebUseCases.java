package dev.gatehouse.adapter.in.web;

import dev.gatehouse.application.port.in.AuthorizationError;
import dev.gatehouse.application.port.in.ChangePasswordUseCase;
import dev.gatehouse.application.port.in.ChangeUserRoleUseCase;
import dev.gatehouse.application.port.in.ClientCredentialsGrantResult;
import dev.gatehouse.application.port.in.ClientCredentialsGrantUseCase;
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
import dev.gatehouse.application.port.in.RequestPasswordResetUseCase;
import dev.gatehouse.application.port.in.RevokeTokenUseCase;
import dev.gatehouse.application.port.in.SearchUsersUseCase;
import dev.gatehouse.application.port.in.SendPasswordResetUseCase;
import dev.gatehouse.application.port.in.SetUserEnabledUseCase;
import dev.gatehouse.application.port.in.ShowUserUseCase;
import dev.gatehouse.application.port.in.SignInResult;
import dev.gatehouse.application.port.in.SignInUseCase;
import dev.gatehouse.application.port.in.StartAuthorizationResult;
import dev.gatehouse.application.port.in.StartAuthorizationUseCase;
import dev.gatehouse.application.port.in.UnlockUserUseCase;
import dev.gatehouse.application.port.in.UserInfoResult;
import dev.gatehouse.application.port.in.UserInfoUseCase;
import java.util.Objects;

/**
 * The use cases the HTTP layer drives. {@code publishedKeys} is empty when tokens are signed with a shared secret.
 * {@code authorizationCode}: the authorization code flow's ({@code /authorize}, its sign-in page, and
 * {@code grant_type=authorization_code}). {@code userInfo}: OpenID Connect's {@code /userinfo}.
 */
public record WebUseCases(LogInUseCase logIn, RegisterUserUseCase registerUser, CurrentUserUseCase currentUser,
                          RefreshTokenUseCase refreshToken, RevokeTokenUseCase revokeToken, LogOutUseCase logOut,
                          ChangePasswordUseCase changePassword, PublishedKeysUseCase publishedKeys,
                          Administration administration, IntrospectTokenUseCase introspectToken, PasswordReset passwordReset,
                          ClientCredentialsGrantUseCase clientCredentialsGrant, AuthorizationCode authorizationCode,
                          UserInfoUseCase userInfo) {

    /** For assemblies without OpenID Connect: no token is good for {@code /userinfo}. */
    public static final UserInfoUseCase NO_USER_INFO = query -> new UserInfoResult.InvalidToken();

    /** Without OpenID Connect's userinfo ({@link #NO_USER_INFO}). */
    public WebUseCases(LogInUseCase logIn, RegisterUserUseCase registerUser, CurrentUserUseCase currentUser,
                       RefreshTokenUseCase refreshToken, RevokeTokenUseCase revokeToken, LogOutUseCase logOut,
                       ChangePasswordUseCase changePassword, PublishedKeysUseCase publishedKeys,
                       Administration administration, IntrospectTokenUseCase introspectToken, PasswordReset passwordReset,
                       ClientCredentialsGrantUseCase clientCredentialsGrant, AuthorizationCode authorizationCode) {
        this(logIn, registerUser, currentUser, refreshToken, revokeToken, logOut, changePassword, publishedKeys, administration,
                introspectToken, passwordReset, clientCredentialsGrant, authorizationCode, NO_USER_INFO);
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
                introspectToken, passwordReset, command -> new ClientCredentialsGrantResult.InvalidClient(), AuthorizationCode.NOT_OFFERED,
                NO_USER_INFO);
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
        Objects.requireNonNull(userInfo, "userInfo");
    }
}
