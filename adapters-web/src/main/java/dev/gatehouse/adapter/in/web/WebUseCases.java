package dev.gatehouse.adapter.in.web;

import dev.gatehouse.application.port.in.ChangePasswordUseCase;
import dev.gatehouse.application.port.in.ChangeUserRoleUseCase;
import dev.gatehouse.application.port.in.ConfirmPasswordResetUseCase;
import dev.gatehouse.application.port.in.CurrentUserUseCase;
import dev.gatehouse.application.port.in.EndUserSessionsUseCase;
import dev.gatehouse.application.port.in.IntrospectTokenUseCase;
import dev.gatehouse.application.port.in.LogInUseCase;
import dev.gatehouse.application.port.in.LogOutUseCase;
import dev.gatehouse.application.port.in.PublishedKeysUseCase;
import dev.gatehouse.application.port.in.RefreshTokenUseCase;
import dev.gatehouse.application.port.in.RegisterUserUseCase;
import dev.gatehouse.application.port.in.RequestPasswordResetUseCase;
import dev.gatehouse.application.port.in.RevokeTokenUseCase;
import dev.gatehouse.application.port.in.SearchUsersUseCase;
import dev.gatehouse.application.port.in.SendPasswordResetUseCase;
import dev.gatehouse.application.port.in.SetUserEnabledUseCase;
import dev.gatehouse.application.port.in.ShowUserUseCase;
import dev.gatehouse.application.port.in.UnlockUserUseCase;
import java.util.Objects;

/** The use cases the HTTP layer drives. {@code publishedKeys} is empty when tokens are signed with a shared secret. */
public record WebUseCases(LogInUseCase logIn, RegisterUserUseCase registerUser, CurrentUserUseCase currentUser,
                          RefreshTokenUseCase refreshToken, RevokeTokenUseCase revokeToken, LogOutUseCase logOut,
                          ChangePasswordUseCase changePassword, PublishedKeysUseCase publishedKeys,
                          Administration administration, IntrospectTokenUseCase introspectToken, PasswordReset passwordReset) {

    /** The use cases behind {@code /password-reset}. */
    public record PasswordReset(RequestPasswordResetUseCase request, ConfirmPasswordResetUseCase confirm) {

        public PasswordReset {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(confirm, "confirm");
        }
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
    }
}
