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
import dev.gatehouse.application.port.in.ClientsRegisteredUseCase;
import dev.gatehouse.application.port.in.ListClientsUseCase;
import dev.gatehouse.application.port.in.RegisterClientUseCase;
import dev.gatehouse.application.port.in.RemoveClientUseCase;
import dev.gatehouse.application.port.in.RotateClientSecretUseCase;
import dev.gatehouse.application.port.in.ShowClientUseCase;
import java.util.Objects;

/**
 * The use cases the HTTP layer drives. {@code publishedKeys} is empty when tokens are signed with a shared secret.
 * {@code authorizationCode}: the authorization code flow's ({@code /authorize}, its sign-in page, and
 * {@code grant_type=authorization_code}).
 */
public record WebUseCases(LogInUseCase logIn, RegisterUserUseCase registerUser, CurrentUserUseCase currentUser,
                          RefreshTokenUseCase refreshToken, RevokeTokenUseCase revokeToken, LogOutUseCase logOut,
                          ChangePasswordUseCase changePassword, PublishedKeysUseCase publishedKeys,
                          Administration administration, IntrospectTokenUseCase introspectToken, PasswordReset passwordReset,
                          ClientCredentialsGrantUseCase clientCredentialsGrant, AuthorizationCode authorizationCode,
                          ClientAdministration clientAdministration) {

    /** Without clients registered as data: {@code /admin/clients} is not served. */
    public WebUseCases(LogInUseCase logIn, RegisterUserUseCase registerUser, CurrentUserUseCase currentUser,
                       RefreshTokenUseCase refreshToken, RevokeTokenUseCase revokeToken, LogOutUseCase logOut,
                       ChangePasswordUseCase changePassword, PublishedKeysUseCase publishedKeys,
                       Administration administration, IntrospectTokenUseCase introspectToken, PasswordReset passwordReset,
                       ClientCredentialsGrantUseCase clientCredentialsGrant, AuthorizationCode authorizationCode) {
        this(logIn, registerUser, currentUser, refreshToken, revokeToken, logOut, changePassword, publishedKeys, administration,
                introspectToken, passwordReset, clientCredentialsGrant, authorizationCode, ClientAdministration.NOT_OFFERED);
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
        Objects.requireNonNull(clientAdministration, "clientAdministration");
    }
}
